// The red summary above a form the core refused ("Le formulaire contient 2 erreurs : rien
// n'a été enregistré."), one line per field; it takes the focus when the errors change,
// so that keyboard and screen-reader users land on it.
import { useEffect, useRef } from "react";
import { Alert, List } from "@mantine/core";
import { errorSummary } from "../signatoryForm";

type Props = {
  errors: Record<string, string>;
  label: (key: string) => string;
  testId: string;
};

export function ErrorSummary({ errors, label, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);
  if (entries.length === 0) return null;
  return (
    <Alert ref={ref} tabIndex={-1} color="red" data-testid={testId} title={errorSummary(entries.length)}>
      <List size="sm">
        {entries.map(([key, message]) => (
          <List.Item key={key}>
            {label(key)} : {message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
