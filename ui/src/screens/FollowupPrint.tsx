// Printing the fiches de suivi: one sheet (save dialog), or a batch (the selection, the
// whole campaign, or the forms still to send) to one merged PDF or one PDF per signatory
// in a folder. The batch runs in the core and streams its progress through a Channel;
// the window stays usable and the batch can be cancelled.
import { useRef, useState } from "react";
import { Alert, Button, Group, Modal, NativeSelect, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Channel } from "@tauri-apps/api/core";
import { commands, type PrintProgress, type PrintReport, type PrintTarget, type ReferenceLists } from "../bindings";
import {
  callOrNotify, chooseFolder, choosePdfPath, errorMessage, exceptionMessage, notifyFailure,
} from "../api";
import { formatCount, labelOf, sheetFileName } from "../format";
import { printReportText } from "../followupForm";
import { notifyWritten } from "../written";

/** Prints one signatory's sheet where the user chooses (`NOM_Prenom_2026.pdf` by default). */
export async function printOneSheet(id: number, year: number, lastName: string, firstNames: string): Promise<void> {
  try {
    const path = await choosePdfPath(sheetFileName(lastName, firstNames, year));
    if (!path) return;
    const res = await commands.printFollowupSheet(id, year, path);
    if (res.status === "ok") notifyWritten(`Fiche de suivi ${year} enregistrée`, res.data);
    else notifyFailure(errorMessage(res.error));
  } catch (e) {
    notifyFailure(exceptionMessage(e));
  }
}

export type PrintScope = "selection" | "campaign" | "a_envoyer";
type Output = PrintTarget["kind"];

type Props = {
  year: number;
  refs: ReferenceLists;
  /** The ids selected in the campaign list. */
  selection: number[];
  /** Sizes of the whole campaign and of the forms to send, when known (no search typed). */
  campaignCount: number | null;
  toSendCount: number | null;
  onClose: () => void;
  /** "Marquer ces fiches comme envoyées" after the batch. */
  onMarkSent: (ids: number[]) => void;
};

type Phase =
  | { step: "setup" }
  | { step: "running"; progress: PrintProgress; cancelling: boolean }
  | { step: "done"; report: PrintReport; output: Output; ids: number[] };

export function FollowupPrint({ year, refs, selection, campaignCount, toSendCount, onClose, onMarkSent }: Props) {
  const [scope, setScope] = useState<PrintScope>(selection.length > 0 ? "selection" : "campaign");
  const [output, setOutput] = useState<Output>("merged");
  const [phase, setPhase] = useState<Phase>({ step: "setup" });
  const [problem, setProblem] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  // Progress messages of a finished batch (late ones) are ignored.
  const running = useRef(false);

  const count = (n: number | null) => (n === null ? "" : ` (${formatCount(n)})`);
  const scopes = [
    { value: "selection", label: `La sélection (${formatCount(selection.length)})`, disabled: selection.length === 0 },
    { value: "campaign", label: `Toute la campagne${count(campaignCount)}` },
    { value: "a_envoyer", label: `Seulement les fiches « ${labelOf(refs.form_statuses, "a_envoyer")} »${count(toSendCount)}` },
  ];

  async function idsOfScope(): Promise<number[] | null> {
    if (scope === "selection") return selection;
    return callOrNotify(() => commands.followupCampaignIds(year, scope === "a_envoyer" ? "a_envoyer" : null, ""));
  }

  async function start() {
    setProblem(null);
    setPreparing(true);
    let ids: number[] | null;
    let path: string | null;
    try {
      ids = await idsOfScope();
      if (ids === null) return;
      if (ids.length === 0) {
        setProblem("Aucune fiche à imprimer dans ce choix.");
        return;
      }
      path = output === "merged" ? await choosePdfPath(`Fiches_de_suivi_${year}.pdf`) : await chooseFolder("Dossier des fiches de suivi");
      if (!path) return;
    } catch (e) {
      notifyFailure(exceptionMessage(e));
      return;
    } finally {
      setPreparing(false);
    }

    const target: PrintTarget = output === "merged" ? { kind: "merged", path } : { kind: "folder", path };
    const channel = new Channel<PrintProgress>();
    channel.onmessage = (p) => {
      if (running.current) setPhase((ph) => (ph.step === "running" ? { ...ph, progress: p } : ph));
    };
    running.current = true;
    setPhase({ step: "running", progress: { done: 0, total: ids.length }, cancelling: false });
    try {
      const res = await commands.printFollowupBatch(year, ids, target, channel);
      running.current = false;
      if (res.status === "ok") {
        const text = printReportText(res.data, output);
        if (res.data.cancelled) notifications.show({ color: "orange", message: text });
        else notifyWritten(text, res.data.location, output === "folder");
        setPhase({ step: "done", report: res.data, output, ids });
      } else {
        setPhase({ step: "setup" });
        if (res.error.kind === "validation") setProblem(errorMessage(res.error));
        else notifyFailure(res.error.message);
      }
    } catch (e) {
      running.current = false;
      setPhase({ step: "setup" });
      notifyFailure(exceptionMessage(e));
    }
  }

  async function cancel() {
    setPhase((ph) => (ph.step === "running" ? { ...ph, cancelling: true } : ph));
    await callOrNotify(() => commands.cancelFollowupPrint());
  }

  const isRunning = phase.step === "running";
  return (
    <Modal
      opened
      onClose={() => !isRunning && onClose()}
      title={`Imprimer les fiches de suivi ${year}`}
      size="lg"
      centered
      withCloseButton={!isRunning}
      closeOnEscape={!isRunning}
      closeOnClickOutside={!isRunning}
    >
      {phase.step === "setup" && (
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label="Fiches à imprimer"
              value={scope}
              onChange={(e) => setScope(e.currentTarget.value as PrintScope)}
              data={scopes}
              data-testid="print-scope"
            />
            <NativeSelect
              label="Fichiers"
              value={output}
              onChange={(e) => setOutput(e.currentTarget.value as Output)}
              data={[
                { value: "merged", label: "Un seul PDF" },
                { value: "folder", label: "Un PDF par signataire dans un dossier" },
              ]}
              data-testid="print-output"
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed" data-testid="print-output-help">
            {output === "merged"
              ? "Un seul PDF, à imprimer et à poster : chaque fiche sur ses pages."
              : "Chaque fiche est aussi un formulaire à remplir à l'écran (Acrobat Reader, Firefox, Aperçu…) : le signataire tape ses réponses et la renvoie ; « Fiches retournées… » les lit."}
          </Text>
          {problem && (
            <Alert color="red" data-testid="print-problem">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Fermer
            </Button>
            <Button onClick={start} loading={preparing} data-testid="print-start">
              {output === "merged" ? "Choisir le fichier et imprimer" : "Choisir le dossier et imprimer"}
            </Button>
          </Group>
        </Stack>
      )}

      {phase.step === "running" && (
        <Stack>
          <Stack gap={4} data-testid="print-progress">
            <Progress
              value={phase.progress.total ? (100 * phase.progress.done) / phase.progress.total : 0}
              aria-label="Avancement de l'impression"
              size="lg"
            />
            <Text size="sm" aria-live="polite">
              {formatCount(phase.progress.done)} / {formatCount(phase.progress.total)}
            </Text>
          </Stack>
          <Group justify="flex-end">
            <Button color="red" variant="outline" onClick={cancel} disabled={phase.cancelling} data-testid="print-cancel">
              {phase.cancelling ? "Annulation…" : "Annuler"}
            </Button>
          </Group>
        </Stack>
      )}

      {phase.step === "done" && (
        <Stack>
          <Alert color={phase.report.cancelled ? "orange" : "green"} data-testid="print-report">
            {printReportText(phase.report, phase.output)}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Fermer
            </Button>
            {!phase.report.cancelled && (
              <Button onClick={() => onMarkSent(phase.ids)} data-testid="print-mark-sent">
                Marquer ces fiches comme envoyées
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
