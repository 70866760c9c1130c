// Where a fiche de suivi stands, as the campaign, the record dialog and the history show it.
import { Badge, Stack, Text } from "@mantine/core";
import type { FormStatus, FormView, ReferenceLists } from "../bindings";
import { formatDateFr, labelOf } from "../format";
import { statusColor } from "../followupForm";

export function FormStatusBadge({ status, refs, testId }: { status: FormStatus; refs: ReferenceLists; testId?: string }) {
  return (
    <Badge color={statusColor(status)} variant="light" data-testid={testId} data-status={status} style={{ textTransform: "none" }}>
      {labelOf(refs.form_statuses, status)}
    </Badge>
  );
}

/** "Envoyée le 05/10/2026 (Courrier)", the reminders, the return and what is missing. */
export function FormFacts({ form, refs }: { form: FormView; refs: ReferenceLists }) {
  const sent = form.sent_date
    ? `Envoyée le ${formatDateFr(form.sent_date)}${form.sent_channel ? ` (${labelOf(refs.channels, form.sent_channel)})` : ""}`
    : "Pas encore envoyée";
  return (
    <Stack gap={2}>
      <Text size="sm">{sent}</Text>
      {form.reminders.length > 0 && (
        <Text size="sm">
          {form.reminders.length > 1 ? "Relances" : "Relance"} :{" "}
          {form.reminders.map((r) => `${formatDateFr(r.date)} (${labelOf(refs.channels, r.channel)})`).join(", ")}
        </Text>
      )}
      <Text size="sm">{form.received_date ? `Reçue le ${formatDateFr(form.received_date)}` : "Pas encore reçue"}</Text>
      {form.missing.length > 0 && (
        <Text size="sm" c="red" data-testid="form-missing">
          Éléments manquants : {form.missing.join(" ; ")}
        </Text>
      )}
    </Stack>
  );
}
