// "Courriers…" in the campaign: the covering letter, the reminder, the interview convocation
// or the installation reminder, for everyone the core says should receive it, in envelope
// order, each letter followed by its sheet when asked. Who receives what is the core's rule.
import { useEffect, useState } from "react";
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { commands, type DraftsReport, type LetterKind, type LetterKindView } from "../bindings";
import { chooseFolder, choosePdfPath, errorMessage, exceptionMessage, notifyFailure } from "../api";
import { fieldErrors } from "../signatoryForm";
import { notifyWritten } from "../written";

type Props = { year: number; onClose: () => void };

export function LettersPrint({ year, onClose }: Props) {
  const [kinds, setKinds] = useState<LetterKindView[]>([]);
  const [kind, setKind] = useState<LetterKind>("envoi");
  const [withSheets, setWithSheets] = useState(true);
  const [output, setOutput] = useState<"merged" | "folder" | "emails">("merged");
  const [drafts, setDrafts] = useState<DraftsReport | null>(null);
  const [appointment, setAppointment] = useState("");
  const [place, setPlace] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  useEffect(() => {
    commands
      .letterKinds()
      .then((res) => (res.status === "ok" ? setKinds(res.data) : notifyFailure(errorMessage(res.error))))
      .catch((e) => notifyFailure(exceptionMessage(e)));
  }, []);

  const current = kinds.find((k) => k.kind === kind);

  async function writeDrafts() {
    const folder = await chooseFolder("Dossier des brouillons de courriels");
    if (!folder) return;
    setRunning(true);
    try {
      const res = await commands.writeEmailDrafts({ year, kind, folder });
      if (res.status === "ok") {
        const n = res.data.written;
        notifyWritten(`${n} brouillon${n > 1 ? "s" : ""} de courriel écrit${n > 1 ? "s" : ""}`, res.data.location, true);
        setDrafts(res.data);
      } else if (res.error.kind === "validation") {
        setProblem(Object.values(fieldErrors(res.error)).join(" "));
      } else {
        setProblem(res.error.message);
      }
    } catch (e) {
      setProblem(exceptionMessage(e));
    } finally {
      setRunning(false);
    }
  }

  async function start() {
    setProblem(null);
    setDrafts(null);
    if (output === "emails") return writeDrafts();
    const path =
      output === "merged"
        ? await choosePdfPath(`Courriers_${kind}_${year}.pdf`)
        : await chooseFolder("Dossier des courriers");
    if (!path) return;
    setRunning(true);
    try {
      const res = await commands.printLetters({
        year,
        kind,
        with_sheets: Boolean(current?.with_sheet) && withSheets,
        appointment,
        place,
        target: output === "merged" ? { kind: "merged", path } : { kind: "folder", path },
      });
      if (res.status === "ok") {
        const n = res.data.sheets;
        notifyWritten(`${n} courrier${n > 1 ? "s" : ""} imprimé${n > 1 ? "s" : ""}`, res.data.location, output === "folder");
        onClose();
      } else if (res.error.kind === "validation") {
        setProblem(Object.values(fieldErrors(res.error)).join(" "));
      } else {
        setProblem(res.error.message);
      }
    } catch (e) {
      setProblem(exceptionMessage(e));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Courriers de la campagne ${year}`} size="lg">
      <Stack gap="sm">
        <NativeSelect
          label="Courrier"
          data={kinds.map((k) => ({ value: k.kind, label: k.label }))}
          value={kind}
          onChange={(e) => {
            const next = e.currentTarget.value as LetterKind;
            if (output === "emails" && !kinds.find((k) => k.kind === next)?.with_sheet) setOutput("merged");
            setKind(next);
          }}
          data-testid="letters-kind"
        />
        {current && <Text size="sm" c="dimmed">{current.recipients}</Text>}
        {current?.with_sheet && output !== "emails" && (
          <Checkbox
            label="Joindre à chaque courrier la fiche de suivi du signataire (même enveloppe)"
            checked={withSheets}
            onChange={(e) => setWithSheets(e.currentTarget.checked)}
            data-testid="letters-with-sheets"
          />
        )}
        {kind === "convocation" && (
          <Group grow>
            <TextInput label="Rendez-vous proposé (facultatif)" placeholder="12/01/2027 à 10 h" value={appointment} onChange={(e) => setAppointment(e.currentTarget.value)} />
            <TextInput label="Lieu (facultatif)" value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
          </Group>
        )}
        <NativeSelect
          label="Forme"
          data={[
            { value: "merged", label: "Un seul PDF, dans l'ordre des enveloppes" },
            { value: "folder", label: "Un PDF par signataire dans un dossier" },
            ...(current?.with_sheet
              ? [{ value: "emails", label: "Brouillons de courriels (.eml), la fiche à remplir jointe" }]
              : []),
          ]}
          value={output}
          onChange={(e) => setOutput(e.currentTarget.value as "merged" | "folder" | "emails")}
          data-testid="letters-output"
        />
        {output === "emails" && (
          <Text size="sm" c="dimmed">
            Un fichier .eml par signataire qui a une adresse électronique : Outlook ou Thunderbird l'ouvrent prêt à
            envoyer, de l'adresse de l'agence (Paramètres › Coordonnées). Le texte est le modèle de courriel (Paramètres ›
            Courriers, « Envoyé par : Courriel »).
          </Text>
        )}
        {drafts && drafts.without_address.length > 0 && (
          <Alert color="orange" data-testid="letters-without-address">
            Sans adresse électronique, à envoyer par courrier ({drafts.without_address.length}) :{" "}
            {drafts.without_address.join(", ")}.
          </Alert>
        )}
        {problem && <Alert color="red" data-testid="letters-problem">{problem}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="letters-close">Fermer</Button>
          <Button onClick={start} loading={running} disabled={!current} data-testid="letters-print">
            {output === "emails" ? "Écrire les brouillons" : "Imprimer"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
