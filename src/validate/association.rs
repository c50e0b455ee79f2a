//! Checks `förbund`: members listed, a logo with its alternative text.

use super::Check;
use crate::error::Diagnostic;
use crate::plan::{Association, position};

impl Check<'_> {
    pub(super) fn association(&mut self, association: &Association) {
        let members = &association.members;
        if members.value.is_empty() {
            self.errors.push(
                Diagnostic::new("förbundet har inga medlemmar")
                    .at(position(&members.referenced, 1))
                    .hint("lista parterna under `medlemmar:` med `namn:` och `typ:`"),
            );
        }
        if let Some(logo) = &association.logo {
            self.image_file(&logo.file);
            if !logo.decorative && logo.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                self.errors.push(
                    Diagnostic::new("logotypen saknar alternativtext")
                        .at(position(&logo.file.referenced, logo.file.value.chars().count()))
                        .hint(
                            "skriv `alt:` med vad bilden visar, eller `dekorativ: true` om den bara pryder",
                        ),
                );
            }
        }
    }
}
