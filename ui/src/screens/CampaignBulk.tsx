// The two bulk actions of a campaign on a selection: "Marquer comme envoyées" and
// "Enregistrer une relance". A small modal with the date and the channel, then what the
// core did (how many changed, and the lines it left as they were, with the reason).
import { useState, type FormEvent } from "react";
import { Alert, Button, Group, List, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { commands, type BulkResult, type ReferenceLists } from "../bindings";
import { exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { countLabel, todayFr } from "../format";
import { fieldErrors } from "../signatoryForm";
import { BULK_LABELS, DATE_PROPS, labelFor } from "../followupForm";

export type BulkKind = "sent" | "reminder";

/** What the campaign asks the modal to do. */
export type BulkRequest = { kind: BulkKind; ids: number[]; channel?: string };

type Props = {
  request: BulkRequest;
  year: number;
  refs: ReferenceLists;
  onClose: () => void;
  /** Called after the core changed something: the list is refreshed. */
  onDone: (result: BulkResult) => void;
};

const TEXTS: Record<BulkKind, { title: string; confirm: string; done: (n: number) => string }> = {
  sent: {
    title: "Marquer les fiches comme envoyées",
    confirm: "Marquer comme envoyées",
    done: (n) => countLabel(n, "fiche marquée comme envoyée", "fiches marquées comme envoyées"),
  },
  reminder: {
    title: "Enregistrer une relance",
    confirm: "Enregistrer la relance",
    done: (n) => countLabel(n, "relance enregistrée", "relances enregistrées"),
  },
};

export function CampaignBulk({ request, year, refs, onClose, onDone }: Props) {
  const [date, setDate] = useState(() => todayFr());
  const [channel, setChannel] = useState(request.channel ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);
  const texts = TEXTS[request.kind];

  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const input = { year, ids: request.ids, date, channel };
      const res = request.kind === "sent" ? await commands.markFormsSent(input) : await commands.recordFormReminder(input);
      if (res.status === "ok") {
        setErrors({});
        setResult(res.data);
        notifySuccess(texts.done(res.data.changed));
        onDone(res.data);
      } else if (res.error.kind === "validation") {
        setErrors(fieldErrors(res.error));
      } else {
        setErrors({});
        notifyFailure(res.error.message);
      }
    } catch (err) {
      notifyFailure(exceptionMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const others = Object.entries(errors).filter(([k]) => k !== "date" && k !== "channel");

  return (
    <Modal opened onClose={onClose} title={`${texts.title} — campagne ${year}`} centered size="lg">
      {result ? (
        <Stack>
          <Alert
            color={result.changed > 0 ? "green" : "orange"}
            title={texts.done(result.changed)}
            data-testid="bulk-result"
          >
            {result.skipped.length === 0 ? (
              <Text size="sm">Aucune fiche laissée de côté.</Text>
            ) : (
              <Stack gap={4}>
                <Text size="sm">
                  {countLabel(result.skipped.length, "fiche laissée telle quelle", "fiches laissées telles quelles")} :
                </Text>
                <List size="sm" data-testid="bulk-skipped">
                  {result.skipped.map((line, i) => (
                    <List.Item key={i}>{line}</List.Item>
                  ))}
                </List>
              </Stack>
            )}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="bulk-close">
              Fermer
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={confirm} noValidate>
          <Stack>
            <Text>{countLabel(request.ids.length, "fiche sélectionnée", "fiches sélectionnées")}.</Text>
            {others.length > 0 && (
              <Alert color="red" data-testid="bulk-errors" title="Rien n'a été enregistré">
                <List size="sm">
                  {others.map(([key, message]) => (
                    <List.Item key={key}>
                      {labelFor(BULK_LABELS, key)} : {message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={request.kind === "sent" ? "Date d'envoi" : "Date de la relance"}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
                error={errors.date}
                data-testid="bulk-date"
                data-autofocus
                {...DATE_PROPS}
              />
              <NativeSelect
                label="Moyen d'envoi"
                value={channel}
                onChange={(e) => setChannel(e.currentTarget.value)}
                data={[{ value: "", label: "— Choisir —" }, ...refs.channels]}
                error={errors.channel}
                data-testid="bulk-channel"
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={busy}>
                Annuler
              </Button>
              <Button type="submit" loading={busy} data-testid="bulk-confirm">
                {texts.confirm}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
