import { useState } from "react";
import { Button, Group, NativeSelect } from "@mantine/core";
import { commands, type AppInfo } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";

type Props = {
  regions: string[];
  value: string;
  onChange: (region: string) => void;
  onInfo: (info: AppInfo) => void;
};

/** Region picker + "Enregistrer", used by the welcome screen and the settings. */
export function RegionForm({ regions, value, onChange, onInfo }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const res = await commands.saveSettings({ region: value });
      if (res.status === "ok") {
        onInfo(res.data);
        notifySuccess("Région enregistrée");
      } else if (res.error.kind === "validation") {
        setError(res.error.fields.map((f) => f.message).join(" "));
      } else {
        notifyFailure(errorMessage(res.error));
      }
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setSaving(false);
    }
  }

  // A saved region missing from the list (renamed, older version) stays visible.
  const options = value && !regions.includes(value) ? [value, ...regions] : regions;

  return (
    <Group align="flex-end">
      <NativeSelect
        label="Région"
        data-testid="settings-region"
        data={[{ value: "", label: "— Choisir une région —" }, ...options]}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        w={360}
      />
      <Button data-testid="settings-save" onClick={save} loading={saving}>
        Enregistrer
      </Button>
    </Group>
  );
}
