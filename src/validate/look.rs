//! Checks `utseende`: colours, sizes, the cover picture and the folder of own templates.

use std::path::PathBuf;

use serde_saphyr::Spanned;

use super::Check;
use super::Files;
use crate::error::Diagnostic;
use crate::files;
use crate::plan::{Look, position};

impl Check<'_> {
    /// Checks the theme: colours, sizes, the cover picture and the folder of own templates.
    pub(super) fn look(&mut self, look: &Look) {
        let colours = &look.colours;
        for (key, colour) in
            [("accent", &colours.accent), ("tabellhuvud", &colours.table_header), ("linjer", &colours.rules)]
        {
            if let Some(colour) = colour {
                self.colour(key, colour);
            }
        }
        let cover = &look.cover;
        if let Some(height) = &cover.logo_height
            && !(5..=80).contains(&height.value)
        {
            self.errors.push(
                Diagnostic::new(format!("logotypens höjd {} mm går inte", height.value))
                    .at(position(&height.referenced, 1))
                    .hint("ange höjden i millimeter, 5–80; vplans egen är 25"),
            );
        }
        if let Some(picture) = &cover.picture {
            self.image_file(&picture.file);
            if !picture.decorative && picture.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                self.errors.push(
                    Diagnostic::new("omslagsbilden saknar alternativtext")
                        .at(position(&picture.file.referenced, picture.file.value.chars().count()))
                        .hint(
                            "skriv `alt:` med vad bilden visar, eller `dekorativ: true` om den bara pryder",
                        ),
                );
            }
            if let Some(height) = &picture.height
                && !(10..=200).contains(&height.value)
            {
                self.errors.push(
                    Diagnostic::new(format!("omslagsbildens höjd {} mm går inte", height.value))
                        .at(position(&height.referenced, 1))
                        .hint("ange höjden i millimeter, 10–200; utan `höjd` blir den högst 90"),
                );
            }
        }
        if let Some(folder) = &look.templates {
            self.templates = self.template_folder(folder);
        }
    }

    /// Checks a colour: `#` and six hexadecimal digits.
    pub(super) fn colour(&mut self, key: &str, colour: &Spanned<Option<String>>) {
        let example = format!("`{key}: \"#1f4e79\"`");
        match &colour.value {
            None => self.errors.push(
                Diagnostic::new(format!("färgen `{key}` saknar värde"))
                    .at(position(&colour.referenced, key.chars().count()))
                    .note("YAML läser allt efter ett # utan citattecken som en kommentar")
                    .hint(format!("sätt citattecken runt färgkoden, till exempel {example}")),
            ),
            Some(text) => {
                let digits = text.trim().strip_prefix('#').unwrap_or("");
                if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
                    self.errors.push(
                        Diagnostic::new(format!("`{text}` är ingen färgkod vplan kan läsa"))
                            .at(position(&colour.referenced, text.chars().count()))
                            .note("en färg skrivs som # och sex tecken 0–9 eller a–f (röd, grön, blå)")
                            .hint(format!("till exempel {example}, inom citattecken")),
                    );
                }
            }
        }
    }

    /// Checks the folder of own templates: inside the plan's folder, and holding only files
    /// that replace one of vplan's own. Returns the folder, canonical, when it is usable.
    pub(super) fn template_folder(&mut self, folder: &Spanned<String>) -> Option<PathBuf> {
        if self.files == Files::Skip {
            return None;
        }
        let at = position(&folder.referenced, folder.value.chars().count());
        let names: Vec<String> =
            crate::templates::TYPST.iter().map(|(name, _)| format!("`{name}`")).collect();
        let resolved = match files::folder_in_folder(self.folder, &folder.value) {
            Ok(resolved) => resolved,
            Err(problem) => {
                self.errors.push(
                    Diagnostic::new(format!("mallmappen `{}` {}", folder.value, problem.message()))
                        .at(at)
                        .hint(
                            "ange en mapp i planens mapp, relativt planfilen, till exempel `mallar: mallar/`",
                        ),
                );
                return None;
            }
        };
        let entries = match files::folder_entries(&resolved) {
            Ok(entries) => entries,
            Err(e) => {
                self.errors.push(
                    Diagnostic::new(format!(
                        "mallmappen `{}` kan inte läsas: {}",
                        folder.value,
                        crate::files::io_reason(&e)
                    ))
                    .at(at)
                    .hint("kontrollera att mappen går att läsa"),
                );
                return None;
            }
        };
        let mut usable = true;
        // Hidden files (.DS_Store and the like) are an editor's or a system's, not the user's.
        for name in entries.iter().filter(|name| !name.starts_with('.')) {
            let known = crate::templates::TYPST.iter().any(|(file, _)| file == name);
            let inside = files::resolve_in_folder(self.folder, &format!("{}/{name}", folder.value.trim()));
            if !known {
                usable = false;
                self.errors.push(
                    Diagnostic::new(format!(
                        "mallmappen `{}` har filen `{name}`, som inte ersätter någon av vplans mallar",
                        folder.value
                    ))
                    .at(at)
                    .note(format!("filer som kan ersättas: {}", names.join(", ")))
                    .hint("byt namn på filen till en av dem, eller flytta den ur mappen"),
                );
            } else if let Err(problem) = inside {
                usable = false;
                self.errors.push(
                    Diagnostic::new(format!(
                        "mallen `{name}` i `{}`: {}",
                        folder.value,
                        problem.message(name)
                    ))
                    .at(at)
                    .hint("lägg mallfilen själv i mallmappen, inte en länk ut ur planens mapp"),
                );
            }
        }
        usable.then_some(resolved)
    }
}
