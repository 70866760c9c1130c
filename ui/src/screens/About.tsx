// Paramètres › À propos: the version, where the data and the backups are, and the licences
// of what the application ships (its fonts, the Rust and npm libraries).
import { useEffect, useState } from "react";
import { Code, ScrollArea, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { commands, type About as AboutInfo, type Library } from "../bindings";
import { callOrNotify } from "../api";
import uiFontLicence from "../assets/LICENCE-police.txt?raw";

function Libraries({ title, list, testId }: { title: string; list: Library[]; testId: string }) {
  return (
    <Stack gap={4}>
      <Text fw={600}>
        {title} ({list.length})
      </Text>
      <ScrollArea h={220} type="auto">
        <Table striped withTableBorder verticalSpacing={2} fz="xs" data-testid={testId}>
          <Table.Tbody>
            {list.map((l) => (
              <Table.Tr key={`${l.name}@${l.version}`}>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>{l.version}</Table.Td>
                <Table.Td>{l.licence}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Stack>
  );
}

export function About() {
  const [info, setInfo] = useState<AboutInfo | null>(null);
  const [filter, setFilter] = useState("");

  useEffect(() => {
    void callOrNotify(() => commands.about()).then((a) => a && setInfo(a));
  }, []);

  if (!info) return null;
  const match = (l: Library) => !filter.trim() || `${l.name} ${l.licence}`.toLowerCase().includes(filter.trim().toLowerCase());
  return (
    <Stack gap="sm" data-testid="about">
      <Title order={3}>À propos</Title>
      <Text>
        Suivi CESP, version <span data-testid="about-version">{info.version}</span> (schéma de la base v{info.schema_version}),
        licence {info.licence}.
      </Text>
      <Text size="sm">
        Base de données : <Code>{info.db_path}</Code>
      </Text>
      <Text size="sm">
        Sauvegardes : <Code>{info.backups_dir}</Code>
      </Text>
      <Text size="sm">
        Les données restent sur cet ordinateur (dossier de données local de l'utilisateur). Une base sur un partage réseau est
        refusée.
      </Text>
      <Title order={4}>Polices</Title>
      <details>
        <summary>Source Sans 3 (interface) — SIL Open Font License 1.1</summary>
        <pre style={{ whiteSpace: "pre-wrap", fontSize: 12 }}>{uiFontLicence}</pre>
      </details>
      <details>
        <summary>{info.pdf_font} (documents PDF, embarquée en sous-ensemble) — licence Bitstream Vera et domaine public</summary>
        <pre style={{ whiteSpace: "pre-wrap", fontSize: 12 }}>{info.pdf_font_licence}</pre>
      </details>
      <Title order={4}>Bibliothèques</Title>
      <TextInput label="Chercher une bibliothèque ou une licence" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={360} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Libraries title="Bibliothèques Rust" list={info.rust.filter(match)} testId="about-rust" />
        <Libraries title="Bibliothèques de l'interface (npm)" list={info.npm.filter(match)} testId="about-npm" />
      </SimpleGrid>
    </Stack>
  );
}
