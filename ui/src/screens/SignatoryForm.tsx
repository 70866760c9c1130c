import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import {
  Alert, Autocomplete, Button, Center, Checkbox, Fieldset, Group, List, Loader, NativeSelect, SimpleGrid,
  Stack, TextInput, Textarea, Title,
} from "@mantine/core";
import { commands, type Labeled, type ReferenceLists, type Signatory, type SignatoryInput } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { labelOf } from "../format";
import { getHotkeyHandler } from "@mantine/hooks";
import { emptyInput, errorSummary, FIELD_LABELS, fieldErrors, fieldLabel, toInput } from "../signatoryForm";

type Props = {
  /** null = new signatory */
  id: number | null;
  refs: ReferenceLists;
  onDone: () => void;
  onCancel: () => void;
  /** Inside the signatory page, which shows the name above its tabs. */
  hideTitle?: boolean;
  /** Called with the signatory each time it is (re)loaded. */
  onLoaded?: (s: Signatory) => void;
  /** Changing it reloads the saved signatory (its status changed elsewhere); typed values are kept, the status is refreshed. */
  reloadKey?: number;
};

type TextKey = Exclude<keyof SignatoryInput, "padhue">;

/** Create and edit form. Everything is sent as typed; the core validates. */
export function SignatoryForm({ id, refs, onDone, onCancel, hideTitle = false, onLoaded, reloadKey = 0 }: Props) {
  const [values, setValues] = useState<SignatoryInput>(emptyInput);
  const [saved, setSaved] = useState<Signatory | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(id !== null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // The parent passes a new callback at each render: read it through a ref so
  // that the loading effect runs once per id (and never overwrites typed values).
  const cancelRef = useRef(onCancel);
  const loadedRef = useRef(onLoaded);
  useEffect(() => {
    cancelRef.current = onCancel;
    loadedRef.current = onLoaded;
  });

  useEffect(() => {
    if (id === null) return;
    let alive = true;
    commands
      .getSignatory(id)
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") {
          setSaved(res.data);
          setValues(toInput(res.data));
          loadedRef.current?.(res.data);
        } else {
          notifyFailure(res.error.kind === "failure" ? res.error.message : "Signataire introuvable.");
          cancelRef.current();
        }
      })
      .catch((e) => alive && notifyFailure(exceptionMessage(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [id]);

  // Reload after a change made elsewhere (end of contract): only the status is taken
  // from the store, so that what the user is typing in this form is not lost.
  useEffect(() => {
    if (id === null || reloadKey === 0) return;
    let alive = true;
    commands
      .getSignatory(id)
      .then((res) => {
        if (!alive) return;
        if (res.status === "ok") {
          setSaved(res.data);
          setValues((v) => ({ ...v, status: res.data.status }));
          loadedRef.current?.(res.data);
        } else {
          notifyFailure(errorMessage(res.error));
        }
      })
      .catch((e) => alive && notifyFailure(exceptionMessage(e)));
    return () => {
      alive = false;
    };
  }, [id, reloadKey]);

  // Bring the summary into view (and to screen readers) after a rejected save.
  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount > 0) summaryRef.current?.focus();
  }, [errors, errorCount]);

  // Specialties of the chosen discipline (all of them while none is chosen), without duplicates.
  const specialties = useMemo(() => {
    const names = refs.specialties
      .filter((s) => values.discipline === "" || s.discipline === values.discipline)
      .map((s) => s.name);
    return [...new Set(names)].sort((a, b) => a.localeCompare(b, "fr"));
  }, [refs.specialties, values.discipline]);

  const set = <K extends keyof SignatoryInput>(key: K, value: SignatoryInput[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  /** Common props of a text field: label, value, error next to it, test id. */
  const text = (key: TextKey) => ({
    label: FIELD_LABELS[key],
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
    error: errors[key],
    "data-testid": `field-${key}`,
  });

  /** A short enum list as a native <select> (keyboard- and WebDriver-friendly). */
  const select = (key: TextKey, data: Labeled[], withAsterisk = false) => (
    <NativeSelect
      {...text(key)}
      withAsterisk={withAsterisk}
      data={[{ value: "", label: "—" }, ...data]}
    />
  );

  const dateProps = { placeholder: "jj/mm/aaaa", maxLength: 10, inputMode: "numeric" as const };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      const res = id === null ? await commands.createSignatory(values) : await commands.updateSignatory(id, values);
      if (res.status === "ok") {
        setErrors({});
        notifySuccess("Signataire enregistré");
        onDone();
        return;
      }
      if (res.error.kind === "validation") {
        setErrors(fieldErrors(res.error)); // the typed values stay as they are
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

  if (loading) {
    return (
      <Center py="xl">
        <Loader aria-label="Chargement" />
      </Center>
    );
  }

  const regime = saved
    ? saved.regime
      ? labelOf(refs.regimes, saved.regime)
      : "non déterminé (date de signature absente)"
    : "calculé à l'enregistrement";

  return (
    // Ctrl+S saves and Échap cancels, also from inside a field (like the two buttons).
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      onKeyDown={getHotkeyHandler([
        ["mod+S", () => !saving && formRef.current?.requestSubmit()],
        [
          "Escape",
          (e) => {
            // Échap in an open list (a suggestion box) closes the list, not the form.
            const t = e.target as HTMLElement;
            if (t.getAttribute("aria-expanded") === "true") return;
            if (!saving) onCancel();
          },
        ],
      ])}
      aria-keyshortcuts="Control+S Escape"
    >
      <Stack gap="md">
        {!hideTitle && (
          <Title order={2}>
            {saved ? `${saved.first_names} ${saved.last_name}` : "Nouveau signataire"}
          </Title>
        )}

        {errorCount > 0 && (
          <Alert
            ref={summaryRef}
            tabIndex={-1}
            color="red"
            data-testid="form-errors"
            title={errorSummary(errorCount)}
          >
            <List size="sm">
              {Object.entries(errors).map(([key, message]) => (
                <List.Item key={key}>
                  {fieldLabel(key)} : {message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}

        <Section legend="Identité">
          {select("civility", refs.civilities)}
          <TextInput {...text("last_name")} withAsterisk />
          <TextInput {...text("birth_name")} />
          <TextInput {...text("first_names")} withAsterisk />
          <TextInput {...text("birth_date")} {...dateProps} />
          <TextInput {...text("email")} type="email" />
          <TextInput {...text("phone")} type="tel" />
          <Textarea {...text("address")} autosize minRows={2} />
        </Section>

        <Section legend="Études">
          {select("discipline", refs.disciplines, true)}
          <Checkbox
            label="PADHUE (diplôme obtenu hors Union européenne)"
            checked={values.padhue}
            onChange={(e) => set("padhue", e.currentTarget.checked)}
            error={errors.padhue}
            data-testid="field-padhue"
            mt="xl"
          />
          <TextInput {...text("ufr")} />
          <TextInput {...text("subdivision")} />
          {select("cycle", refs.cycles)}
          <TextInput {...text("study_year")} inputMode="numeric" />
          <TextInput {...text("ecn_year")} inputMode="numeric" />
          <TextInput {...text("ecn_rank")} inputMode="numeric" />
          <Autocomplete
            {...text("specialty")}
            onChange={(v) => set("specialty", v)}
            data={specialties}
            limit={50}
          />
        </Section>

        <Section legend="Contrat">
          <TextInput {...text("signature_date")} {...dateProps} />
          <TextInput label="Régime" value={regime} readOnly variant="filled" data-testid="field-regime" />
          {select("managing_body", refs.managing_bodies)}
          <TextInput {...text("contract_ref")} />
          {select("status", refs.statuses, true)}
        </Section>

        <Fieldset legend="Notes">
          <Textarea {...text("notes")} label={undefined} aria-label="Notes" autosize minRows={3} />
        </Fieldset>

        <Group>
          <Button type="submit" data-testid="save-signatory" loading={saving}>
            Enregistrer
          </Button>
          <Button variant="default" onClick={onCancel} disabled={saving}>
            Annuler
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Fieldset legend={legend}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>{children}</SimpleGrid>
    </Fieldset>
  );
}
