// Settings section "Logo de l'agence": the image printed at the top left of the sheets and
// letters. The file (PNG or SVG) is chosen in the native dialog and read by the core, which
// draws an SVG once into a PNG, refuses what is neither, too heavy or too large, and keeps
// it in the register.
import { useEffect, useState } from "react";
import { Alert, Button, Group, Image, Stack, Text, Title } from "@mantine/core";
import { commands, type LogoInfo } from "../bindings";
import { errorMessage, exceptionMessage, notifyFailure, notifySuccess } from "../api";
import { fieldErrors } from "../signatoryForm";

export function AgencyLogo() {
  const [logo, setLogo] = useState<LogoInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    commands
      .logoInfo()
      .then((res) => (res.status === "ok" ? setLogo(res.data) : setProblem(errorMessage(res.error))))
      .catch((e) => setProblem(exceptionMessage(e)));
  }, []);

  async function choose() {
    setProblem(null);
    const { open } = await import("../dialog");
    const path = await open({ title: "Choisir le logo de l'agence", filters: [{ name: "Image PNG ou dessin SVG", extensions: ["png", "svg"] }] });
    if (typeof path !== "string") return;
    setBusy(true);
    try {
      const res = await commands.saveLogo(path);
      if (res.status === "ok") {
        setLogo(res.data);
        notifySuccess("Logo enregistré");
      } else if (res.error.kind === "validation") {
        setProblem(Object.values(fieldErrors(res.error)).join(" "));
      } else {
        setProblem(res.error.message);
      }
    } catch (e) {
      notifyFailure(exceptionMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    const res = await commands.removeLogo();
    if (res.status === "ok") {
      setLogo(null);
      notifySuccess("Logo retiré");
    } else notifyFailure(errorMessage(res.error));
  }

  return (
    <Stack gap="sm">
      <Title order={3}>Logo de l'agence</Title>
      <Text size="sm" c="dimmed">
        Imprimé en haut à gauche des fiches et des courriers, à la place de « République française ». Une image PNG
        ou un dessin SVG d'1 Mo au plus ; il est gardé dans le registre. Le texte d'un SVG est dessiné avec la police
        de l'application : pour la typographie exacte, vectorisez-le (« objet en chemin ») avant de l'exporter.
      </Text>
      {logo && (
        <Group align="center" data-testid="logo-current">
          <Image src={logo.preview} alt="Logo de l'agence" h={60} w="auto" fit="contain" />
          <Text size="sm">
            {logo.file_name} — {logo.width} × {logo.height} pixels
          </Text>
        </Group>
      )}
      {problem && <Alert color="red" data-testid="logo-problem">{problem}</Alert>}
      <Group>
        <Button variant="light" onClick={choose} loading={busy} data-testid="logo-choose">
          {logo ? "Changer de logo…" : "Choisir un logo (PNG ou SVG)…"}
        </Button>
        {logo && (
          <Button variant="subtle" color="red" onClick={remove} data-testid="logo-remove">
            Retirer le logo
          </Button>
        )}
      </Group>
    </Stack>
  );
}
