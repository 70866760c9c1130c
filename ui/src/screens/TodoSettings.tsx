// Settings section "Délais de la liste À faire": when a form, a diploma, a deadline or a
// commitment end shows in the list. The core checks the values.
import { useEffect, useState, type FormEvent } from "react";
import { Button, Group, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { commands, type TodoSettings as Settings } from "../bindings";
import { exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";

const FIELDS: { key: keyof Settings; label: string }[] = [
  { key: "unreturned_days", label: "Fiche de suivi non retournée après (jours)" },
  { key: "diploma_months", label: "Diplômé sans déclaration d'installation après (mois)" },
  { key: "definitive_days_left", label: "Délai de suspension définitive : alerter quand il reste (jours)" },
  { key: "commitment_months_ahead", label: "Fin d'engagement dans les (mois)" },
];

export function TodoSettings() {
  const [values, setValues] = useState<Record<keyof Settings, string> | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const show = (s: Settings) =>
    setValues({
      unreturned_days: String(s.unreturned_days),
      diploma_months: String(s.diploma_months),
      definitive_days_left: String(s.definitive_days_left),
      commitment_months_ahead: String(s.commitment_months_ahead),
    });

  useEffect(() => {
    let alive = true;
    commands
      .todoSettings()
      .then((res) => alive && res.status === "ok" && show(res.data))
      .catch((e) => alive && notifyFailure(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!values) return;
    // A number the core can read; anything else goes as 0, which it refuses with its message.
    const n = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : 0);
    setSaving(true);
    try {
      const res = await commands.saveTodoSettings({
        unreturned_days: n(values.unreturned_days),
        diploma_months: n(values.diploma_months),
        definitive_days_left: n(values.definitive_days_left),
        commitment_months_ahead: n(values.commitment_months_ahead),
      });
      if (res.status === "ok") {
        show(res.data);
        setErrors({});
        notifySuccess("Délais enregistrés");
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

  return (
    <form onSubmit={save} noValidate>
      <Stack gap="sm">
        <Title order={3}>Délais de la liste « À faire »</Title>
        <Text size="sm" c="dimmed">
          Quand une fiche, un diplôme, un délai ou une fin d'engagement apparaît dans la liste.
        </Text>
        {values && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {FIELDS.map((f) => (
              <TextInput
                key={f.key}
                label={f.label}
                inputMode="numeric"
                value={values[f.key]}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setValues((old) => old && { ...old, [f.key]: v });
                }}
                error={errors[f.key]}
                data-testid={`todo-setting-${f.key}`}
              />
            ))}
          </SimpleGrid>
        )}
        <Group>
          <Button type="submit" loading={saving} data-testid="todo-settings-save">
            Enregistrer les délais
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
