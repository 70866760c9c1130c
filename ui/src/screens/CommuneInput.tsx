// The commune of a place of practice, chosen as one types (name or code INSEE) among the
// communes of the zonage in force at the declaration date; its zone shows once chosen.
// A commune absent from the zonage can still be typed: the core then asks for its name and
// the place is flagged.
import { useEffect, useRef, useState } from "react";
import { Autocomplete, Badge, Group, Text } from "@mantine/core";
import { commands, type CommuneView } from "../bindings";
import { zoneColor } from "../installationForm";

type Props = {
  index: number;
  insee: string;
  commune: string;
  /** The declaration date (jj/mm/aaaa): the zonage in force then is searched. */
  at: string;
  error?: string;
  onChange: (insee: string, commune: string, zone: CommuneView | null) => void;
};

const optionValue = (c: CommuneView) => `${c.name} (${c.insee})`;

export function CommuneInput({ index, insee, commune, at, error, onChange }: Props) {
  const [text, setText] = useState(() => (insee ? `${commune} (${insee})` : ""));
  const [options, setOptions] = useState<CommuneView[]>([]);
  const [chosen, setChosen] = useState<CommuneView | null>(null);
  const request = useRef(0);

  // The zone shown belongs to the zonage of the date it was found at: another declaration
  // date, another zonage (the core finds the right one when the declaration is saved).
  useEffect(() => {
    setChosen(null);
  }, [at]);

  useEffect(() => {
    const t = text.trim();
    // Once a commune is chosen the text is its label: no need to search again.
    if (t.length < 2 || (chosen && t === optionValue(chosen))) {
      setOptions([]);
      return;
    }
    const n = ++request.current;
    const timer = setTimeout(() => {
      commands
        .searchCommunes(t, at)
        .then((res) => {
          if (n === request.current && res.status === "ok") setOptions(res.data);
        })
        .catch(() => undefined);
    }, 150);
    return () => clearTimeout(timer);
  }, [text, at, chosen]);

  return (
    <div>
      <Autocomplete
        label={`Commune ${index + 1}`}
        description="Nom ou code INSEE, dans le zonage en vigueur à la date de déclaration"
        placeholder="ex. Carhaix ou 29024"
        value={text}
        data={options.map(optionValue)}
        filter={({ options: o }) => o}
        renderOption={({ option }) => <span data-testid={`place-${index}-option`}>{option.value}</span>}
        onChange={(v) => {
          setText(v);
          const picked = options.find((c) => optionValue(c) === v) ?? null;
          setChosen(picked);
          if (picked) {
            onChange(picked.insee, picked.name, picked);
          } else {
            // Typed freely: a code INSEE alone, or a name for a commune absent from the zonage.
            const code = v.match(/\b(\d{5}|2[AB]\d{3})\b/i)?.[1] ?? "";
            const name = v.replace(/\(?\b(\d{5}|2[AB]\d{3})\b\)?/i, "").trim();
            onChange(code.toUpperCase(), name, null);
          }
        }}
        error={error}
        withAsterisk
        data-testid={`place-${index}-commune`}
      />
      {chosen && (
        <Group gap="xs" mt={4}>
          <Badge color={zoneColor(chosen.zone)} variant="light" data-testid={`place-${index}-zone`}>
            {chosen.zone_label}
          </Badge>
          <Text size="xs" c="dimmed">
            département {chosen.department}, zonage en vigueur au {chosen.zonage_effective}
          </Text>
        </Group>
      )}
    </div>
  );
}
