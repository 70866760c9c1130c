// Settings section "Protection des données": the notice (GDPR article 13) printed on the
// sheets. Empty means the default text, which the core words from the region and the
// retention period; the length limit is the core's.
import { useEffect, useState, type FormEvent } from "react";
import { Alert, Button, Group, Loader, Stack, Text, Textarea, Title } from "@mantine/core";
import { commands } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";

export function PrivacyNotice() {
  const [text, setText] = useState<string | null>(null);
  const [printed, setPrinted] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    commands
      .privacyNotice()
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") {
          setText(res.data[0]);
          setPrinted(res.data[1]);
        } else setLoadError(errorMessage(res.error));
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, []);

  async function save(value: string, e?: FormEvent) {
    e?.preventDefault();
    setSaving(true);
    try {
      const res = await commands.savePrivacyNotice(value);
      if (res.status === "ok") {
        setError(undefined);
        setText(res.data[0]);
        setPrinted(res.data[1]);
        notifySuccess("Mention sur les données personnelles enregistrée");
      } else if (res.error.kind === "validation") {
        setError(fieldErrors(res.error).privacy_notice);
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
    <form onSubmit={(e) => text !== null && save(text, e)} noValidate>
      <Stack gap="sm">
        <Title order={3}>Protection des données personnelles</Title>
        <Text size="sm" c="dimmed">
          Mention imprimée sur chaque fiche de suivi (article 13 du RGPD) : responsable du traitement, finalité, base
          légale, destinataires, durée de conservation, droits et contact. Laissez vide pour le texte par défaut.
        </Text>
        {loadError && <Alert color="red">{loadError}</Alert>}
        {text === null && !loadError && <Loader size="sm" aria-label="Chargement" />}
        {text !== null && (
          <Textarea
            label="Mention (vide = texte par défaut)"
            value={text}
            placeholder={printed}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error}
            autosize
            minRows={4}
            data-testid="privacy-notice"
          />
        )}
        <Group>
          <Button type="submit" loading={saving} disabled={text === null} data-testid="privacy-save">
            Enregistrer la mention
          </Button>
          <Button variant="subtle" disabled={!text} onClick={() => save("")} data-testid="privacy-default">
            Revenir au texte par défaut
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
