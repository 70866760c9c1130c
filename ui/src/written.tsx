// The notification after a file is written (an export, a print): what was written, where,
// with « Ouvrir » and « Afficher dans le dossier ». The shell opens only files this window
// wrote itself.
import { Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { commands } from "./bindings";
import { callOrNotify } from "./api";

const run = (call: () => ReturnType<typeof commands.openOutput>) => callOrNotify(call);

/** `message` says what was written; `path` is the file (or folder, `folder`). */
export function notifyWritten(message: string, path: string, folder = false): void {
  notifications.show({
    color: "green",
    autoClose: 12000,
    message: (
      <Stack gap={4}>
        <Text size="sm">{message}</Text>
        <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
          {path}
        </Text>
        <Group gap="xs">
          {!folder && (
            <Button size="compact-xs" variant="default" onClick={() => void run(() => commands.openOutput(path))} data-testid="written-open">
              Ouvrir
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => void run(() => (folder ? commands.openOutput(path) : commands.revealOutput(path)))}
            data-testid="written-reveal"
          >
            {folder ? "Ouvrir le dossier" : "Afficher dans le dossier"}
          </Button>
        </Group>
      </Stack>
    ),
  });
}
