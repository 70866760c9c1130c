// Settings section "Courriers": the template of each letter, with the fields it may use
// listed beside it. The core checks the template when it is saved (an unknown field, a
// syntax error: refused with its line) and says it is the default or the agency's own.
import { useEffect, useState } from "react";
import { Alert, Badge, Button, Code, Grid, Group, Loader, NativeSelect, ScrollArea, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { commands, type LetterKind, type LetterKindView, type Medium, type TemplateView } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";

export function LetterTemplates() {
  const [kinds, setKinds] = useState<LetterKindView[]>([]);
  const [kind, setKind] = useState<LetterKind>("envoi");
  const [medium, setMedium] = useState<Medium>("courrier");
  const [view, setView] = useState<TemplateView | null>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    commands
      .letterKinds()
      .then((res) => (res.status === "ok" ? setKinds(res.data) : setLoadError(errorMessage(res.error))))
      .catch((e) => setLoadError(exceptionMessage(e)));
  }, []);

  useEffect(() => {
    let alive = true;
    setView(null);
    setError(undefined);
    (medium === "courriel" ? commands.emailTemplate(kind) : commands.letterTemplate(kind))
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") {
          setView(res.data);
          setText(res.data.text);
        } else setLoadError(errorMessage(res.error));
      })
      .catch((e) => alive && setLoadError(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, [kind, medium]);

  async function save(value: string) {
    setSaving(true);
    try {
      const res =
        medium === "courriel" ? await commands.saveEmailTemplate(kind, value) : await commands.saveLetterTemplate(kind, value);
      if (res.status === "ok") {
        setError(undefined);
        setView(res.data);
        setText(res.data.text);
        notifySuccess(res.data.is_default ? "Modèle par défaut rétabli" : "Modèle enregistré");
      } else if (res.error.kind === "validation") {
        setError(fieldErrors(res.error).template); // what was typed stays
      } else {
        notifyFailure(res.error.message);
      }
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Stack gap="sm">
      <Title order={3}>Courriers</Title>
      <Text size="sm" c="dimmed">
        Modèles des courriers imprimés depuis la campagne (bouton « Courriers… ») ou par <Code>cesp letters</Code>, et
        des courriels qui portent la fiche à remplir (envoi et relance). La
        première ligne « Objet : … » devient l'objet ; une ligne vide sépare les paragraphes ; un champ s'écrit{" "}
        <Code>{"{{ nom }}"}</Code>, une condition <Code>{"{% if telephone_ars %}…{% endif %}"}</Code>.
      </Text>
      {loadError && <Alert color="red">{loadError}</Alert>}
      <Group align="flex-end">
        <NativeSelect
          label="Courrier"
          data={kinds.map((k) => ({ value: k.kind, label: k.label }))}
          value={kind}
          onChange={(e) => {
            const next = e.currentTarget.value as LetterKind;
            // Only the covering letter and the reminder go by e-mail.
            if (!kinds.find((k) => k.kind === next)?.with_sheet) setMedium("courrier");
            setKind(next);
          }}
          data-testid="template-kind"
          w={360}
        />
        {kinds.find((k) => k.kind === kind)?.with_sheet && (
          <NativeSelect
            label="Envoyé par"
            data={[
              { value: "courrier", label: "Courrier (imprimé)" },
              { value: "courriel", label: "Courriel (fiche à remplir jointe)" },
            ]}
            value={medium}
            onChange={(e) => setMedium(e.currentTarget.value as Medium)}
            data-testid="template-medium"
            w={260}
          />
        )}
        {view && <Badge variant="light" color={view.is_default ? "gray" : "blue"}>{view.is_default ? "Modèle par défaut" : "Modèle de l'agence"}</Badge>}
      </Group>
      {!view && !loadError && <Loader size="sm" aria-label="Chargement" />}
      {view && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Textarea
              label="Modèle"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={error}
              autosize
              minRows={12}
              styles={{ input: { fontFamily: "monospace", fontSize: 13 } }}
              data-testid="template-text"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Text size="sm" fw={600} mb={4}>Champs disponibles</Text>
            <ScrollArea h={320}>
              <Table fz="xs" data-testid="template-fields">
                <Table.Tbody>
                  {view.fields.map((f) => (
                    <Table.Tr key={f.name}>
                      <Table.Td><Code>{`{{ ${f.name} }}`}</Code></Table.Td>
                      <Table.Td>{f.description}<Text size="xs" c="dimmed">{f.example}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Grid.Col>
        </Grid>
      )}
      <Group>
        <Button onClick={() => save(text)} loading={saving} disabled={!view} data-testid="template-save">
          Enregistrer le modèle
        </Button>
        <Button variant="subtle" onClick={() => save("")} disabled={!view || view.is_default} data-testid="template-default">
          Revenir au modèle par défaut
        </Button>
      </Group>
    </Stack>
  );
}
