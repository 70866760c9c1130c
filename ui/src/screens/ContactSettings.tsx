// Settings section "Coordonnées imprimées sur les fiches": where the signatories return
// their fiche de suivi, and the time they have to do so. Validation is the core's.
import { useEffect, useState, type FormEvent } from "react";
import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { commands, type ContactSettings as Contact } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";
import { CONTACT_LABELS, labelFor } from "../followupForm";
import { ErrorSummary } from "./ErrorSummary";

export function ContactSettings() {
  const [values, setValues] = useState<Contact | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    commands
      .contactSettings()
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") setValues(res.data);
        else setLoadError(errorMessage(res.error));
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!values) return;
    setSaving(true);
    try {
      const res = await commands.saveContactSettings(values);
      if (res.status === "ok") {
        setErrors({});
        setValues(res.data);
        notifySuccess("Coordonnées enregistrées");
      } else if (res.error.kind === "validation") {
        setErrors(fieldErrors(res.error)); // what was typed stays
      } else {
        setErrors({});
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const field = (key: keyof Contact) => ({
    label: CONTACT_LABELS[key],
    value: values?.[key] ?? "",
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => v && { ...v, [key]: value });
    },
    error: errors[key],
    "data-testid": `contact-${key}`,
  });

  return (
    <form onSubmit={save} noValidate>
      <Stack gap="sm">
        <Title order={3}>Coordonnées imprimées sur les fiches</Title>
        <Text size="sm" c="dimmed">
          Elles figurent sur chaque fiche de suivi. Sans date limite fixée dans le calendrier de la campagne, le délai ci-dessous la calcule à partir de la date d’impression, reportée au premier jour ouvré.
        </Text>
        {loadError && <Alert color="red">{loadError}</Alert>}
        {!values && !loadError && <Loader size="sm" aria-label="Chargement" />}
        {values && (
          <>
            <ErrorSummary errors={errors} label={(k) => labelFor(CONTACT_LABELS, k)} testId="contact-errors" />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...field("service")} />
              <TextInput {...field("referent")} />
              <Textarea {...field("address")} autosize minRows={3} />
              <Stack gap="sm">
                <TextInput {...field("email")} type="email" />
                <TextInput {...field("phone")} type="tel" />
                <TextInput {...field("return_days")} inputMode="numeric" w={200} />
              </Stack>
            </SimpleGrid>
          </>
        )}
        <Group>
          <Button type="submit" loading={saving} disabled={!values} data-testid="contact-save">
            Enregistrer les coordonnées
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
