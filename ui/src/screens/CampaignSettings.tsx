// Paramètres › Campagne de candidatures: the calendar of the selection campaign (seed 004:
// files by December, commission in January, lists before 15 January, signatures from
// February), the days to return the signed contract, and when the file must hold the ARS's
// written validation.
import { useEffect, useState, type FormEvent } from "react";
import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { commands, type CampaignSettingsForm, type ReferenceLists } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";

const DAYS: { key: keyof CampaignSettingsForm; label: string; description: string }[] = [
  { key: "deadline", label: "Fin du dépôt des dossiers", description: "jj/mm, l'année de la campagne" },
  { key: "commission", label: "Commission de sélection", description: "jj/mm, l'année suivante (si sa date n'est pas saisie)" },
  { key: "lists_before", label: "Listes à transmettre avant le", description: "jj/mm, l'année suivante" },
  { key: "signatures", label: "Signature des contrats à partir du", description: "jj/mm, l'année suivante" },
];

export function CampaignSettings({ refs }: { refs: ReferenceLists }) {
  const [form, setForm] = useState<CampaignSettingsForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    commands
      .campaignSettings()
      .then((res) => (res.status === "ok" ? setForm(res.data) : notifyFailure(errorMessage(res.error))))
      .catch((e) => notifyFailure(exceptionMessage(e)));
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    try {
      const res = await commands.saveCampaignSettings(form);
      if (res.status === "ok") {
        setForm(res.data);
        setErrors({});
        notifySuccess("Calendrier des candidatures enregistré");
      } else if (res.error.kind === "validation") setErrors(fieldErrors(res.error));
      else notifyFailure(res.error.message);
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    }
  }

  if (!form) return null;
  return (
    <form onSubmit={save} noValidate>
      <Stack gap="sm" data-testid="campaign-settings">
        <Title order={3}>Campagne de candidatures</Title>
        <Text size="sm">
          « À faire » signale les dossiers incomplets une semaine avant la fin du dépôt, les candidats sans décision après la
          commission et les contrats non retournés dans le délai.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {DAYS.map((d) => (
            <TextInput
              key={d.key}
              label={d.label}
              description={d.description}
              placeholder="jj/mm"
              maxLength={5}
              value={form[d.key]}
              onChange={(e) => setForm({ ...form, [d.key]: e.currentTarget.value })}
              error={errors[d.key]}
              data-testid={`campaign-${d.key}`}
            />
          ))}
          <TextInput
            label="Délai de retour du contrat signé (jours)"
            inputMode="numeric"
            value={form.contract_return_days}
            onChange={(e) => setForm({ ...form, contract_return_days: e.currentTarget.value })}
            error={errors.contract_return_days}
            data-testid="campaign-return-days"
          />
          <NativeSelect
            label="Validation écrite de l'ARS demandée"
            value={form.ars_validation}
            onChange={(e) => setForm({ ...form, ars_validation: e.currentTarget.value })}
            data={refs.ars_validation_rules}
            error={errors.ars_validation}
            data-testid="campaign-ars-validation"
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" variant="default" data-testid="campaign-save">
            Enregistrer le calendrier
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
