// "Calendrier de la campagne": the send date and the return deadline of one campaign,
// printed on the sheets and used by "À faire". The core refuses a weekend or a public
// holiday and says which day is the next working one.
import { useEffect, useState, type FormEvent } from "react";
import { Button, Group, Text, TextInput } from "@mantine/core";
import { commands, type CampaignDatesForm } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";

export function CampaignDates({ year }: { year: number }) {
  const [values, setValues] = useState<CampaignDatesForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let alive = true;
    setValues(null);
    setErrors({});
    commands
      .campaignDates(year)
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") setValues(res.data);
        else notifyFailure(errorMessage(res.error));
      })
      .catch((e) => alive && notifyFailure(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, [year]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!values) return;
    setSaving(true);
    try {
      const res = await commands.saveCampaignDates(values);
      if (res.status === "ok") {
        setErrors({});
        setValues(res.data);
        notifySuccess(`Calendrier de la campagne ${year} enregistré`);
      } else if (res.error.kind === "validation") {
        setErrors(fieldErrors(res.error));
      } else {
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const field = (key: "send" | "return_by", label: string) => ({
    label,
    placeholder: "jj/mm/aaaa",
    value: values?.[key] ?? "",
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => v && { ...v, [key]: value });
    },
    error: errors[key],
    w: 200,
    "data-testid": `campaign-dates-${key}`,
  });

  return (
    <form onSubmit={save} noValidate aria-label={`Calendrier de la campagne ${year}`}>
      <Group align="flex-start" gap="md">
        <TextInput {...field("send", "Date d'envoi des fiches")} />
        <TextInput {...field("return_by", "Date limite de retour")} />
        <Button type="submit" mt={24} variant="light" loading={saving} disabled={!values} data-testid="campaign-dates-save">
          Enregistrer le calendrier
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        Imprimées sur les fiches et les courriers ; une fiche non reçue à la date limite passe dans « À faire ». Sans date
        limite, elle est calculée à l'impression (délai des paramètres, reportée au premier jour ouvré).
      </Text>
    </form>
  );
}
