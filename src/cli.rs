//! The command line: arguments (clap) and their Swedish help. The rest of vplan never sees
//! clap; [`Command`] is all it gets.

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};

use crate::error::{Diagnostic, Error};

const MAIN_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Användning: {usage}

Kommandon:
{subcommands}

Flaggor:
{options}{after-help}
";

const COMMAND_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Användning: {usage}

Argument:
{positionals}

Flaggor:
{options}{after-help}
";

const EXAMPLES: &str = "\
Exempel:
  vplan build plans/nedansiljan-2026.yaml
      bygger plans/nedansiljan-2026.pdf
  vplan build plans/*.yaml
      bygger alla planer i mappen plans
  vplan check plans/norra-dalarna-2025.yaml
      kontrollerar planen och visar den beräknade budgeten
  vplan ny plans/nedansiljan-2026.yaml
      skriver nästa års plan, plans/nedansiljan-2027.yaml
  vplan diff plans/nedansiljan-2026.yaml plans/nedansiljan-2027.yaml
      visar vad som ändrats mellan planerna

Formatet beskrivs i docs/format.md, och README.md visar hur du skriver din första plan.";

/// vplan's arguments.
#[derive(Debug, Parser)]
#[command(
    name = "vplan",
    version,
    about = "vplan bygger ett samordningsförbunds verksamhetsplan från en YAML-fil till en färdig PDF.",
    help_template = MAIN_TEMPLATE,
    after_help = EXAMPLES,
    subcommand_value_name = "KOMMANDO",
    override_usage = "vplan [FLAGGOR] KOMMANDO",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// Help flag, in Swedish.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help = "Visa hjälp")]
    help: Option<bool>,
    /// Version flag, in Swedish.
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help = "Visa versionen")]
    version: Option<bool>,
}

/// What vplan is asked to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build one or more plans to PDF.
    #[command(
        about = "Bygg en eller flera planer till PDF",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan build [FLAGGOR] PLAN...",
        after_help = "Exempel:\n  vplan build plans/nedansiljan-2026.yaml\n  vplan build plan.yaml -o Verksamhetsplan-2026.pdf --typ\n  vplan build plans/*.yaml -v\n      visar varje steg och dess tid\n  vplan build plan.yaml --png --ppi 96\n      skriver också plan-1.png, plan-2.png … för en förhandsvisning på webben\n  vplan build plan.yaml --html --html-sammanfattning\n      skriver också plan.html, planen som en tillgänglig webbsida, och\n      plan-sammanfattning.html, en kort sammanfattning med länk till PDF-filen"
    )]
    Build(BuildArgs),
    /// Check plans and show their computed budgets; writes nothing.
    #[command(
        about = "Kontrollera planer, visa den beräknade budgeten och alla varningar; skriver inget",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan check PLAN...",
        after_help = "Exempel:\n  vplan check plans/*.yaml"
    )]
    Check(CheckArgs),
    /// Write a complete starter plan for a förbund that has none.
    #[command(
        name = "ny-plan",
        about = "Skriv en komplett startplan för ett förbund som inte har någon plan i git ännu",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan ny-plan [--förbund NAMN] [--år ÅR] [-o PLAN.yaml]",
        after_help = "Exempel:\n  vplan ny-plan --förbund \"Exempelbygdens samordningsförbund\" --år 2027\n      skriver exempelbygdens-samordningsforbund-2027.yaml"
    )]
    NewPlan(NewPlanArgs),
    /// Write next year's plan from this year's.
    #[command(
        name = "ny",
        about = "Skriv nästa års plan utifrån den här: åren flyttas fram, ingående eget kapital räknas ut, \
                 kommentarer och ordning behålls",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan ny PLAN [--år ÅR] [-o NY.yaml]",
        after_help = "Exempel:\n  vplan ny plans/nedansiljan-2026.yaml\n      skriver plans/nedansiljan-2027.yaml"
    )]
    Next(NextArgs),
    /// Compare two plans.
    #[command(
        name = "diff",
        about = "Visa vad som ändrats mellan två planer: budgetrader, summor, målområden, insatser och texter",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan diff GAMMAL NY [--pdf BILAGA.pdf [--typ] [--png] [-v]]\n       vplan diff PLAN --rev REVISION [--pdf BILAGA.pdf]",
        after_help = "Exempel:\n  vplan diff plans/nedansiljan-2026.yaml plans/nedansiljan-2027.yaml\n  \
                      vplan diff plans/nedansiljan-2027.yaml --rev HEAD~1\n      jämför med planen som den såg ut i förra incheckningen\n  \
                      vplan diff gammal.yaml ny.yaml --pdf Bilaga-förändringar.pdf"
    )]
    Diff(DiffArgs),
    /// A plan as plain text, for `git diff` (a textconv driver).
    #[command(
        name = "text",
        about = "Skriv planen som läsbar text med beräknade belopp, till exempel för git diff (textconv)",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan text PLAN",
        after_help = "Så kopplas kommandot till git: se docs/format.md, ”Planer i git”."
    )]
    Text(TextArgs),
    /// Write vplan's own Typst templates into a folder, for a plan's own look.
    #[command(
        name = "mallar",
        about = "Skriv vplans egna Typst-mallar till en mapp, att ändra till ett eget utseende",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan mallar [MAPP]",
        after_help = "Exempel:\n  vplan mallar plans/mallar\n      skriver mallarna; behåll de filer du ändrar och skriv `mallar: mallar/` under `utseende` i planen"
    )]
    Templates(TemplatesArgs),
    /// Rebuild a plan whenever it or a file it uses is saved.
    #[command(
        about = "Bygg planen och bygg om den varje gång planen eller en bild i den sparas",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan watch PLAN [-o UT.pdf] [--png [--ppi PPI]] [--html]",
        after_help = "Exempel:\n  vplan watch plans/nedansiljan-2026.yaml\n      bygger plans/nedansiljan-2026.pdf och bygger om den vid varje sparning;\n      avsluta med Ctrl-C\n  vplan watch plan.yaml --png --ppi 96\n      skriver också om sidbilderna plan-1.png, plan-2.png … för en förhandsvisning"
    )]
    Watch(WatchArgs),
    /// Print the plan format as a JSON Schema, for editors.
    #[command(
        about = "Skriv ut planformatet som JSON-schema, för förslag och felmarkeringar i en editor",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan schema [-o FIL]",
        after_help = "Exempel:\n  vplan schema -o plans/vplan.schema.json\n      skriver schemat som planerna i plans/ pekar på med\n      # yaml-language-server: $schema=vplan.schema.json"
    )]
    Schema(SchemaArgs),
    /// Write a starter follow-up (delårsrapport, årsredovisning) for an adopted plan.
    #[command(
        name = "ny-uppföljning",
        about = "Skriv en startfil för en uppföljning av en antagen plan: tertialrapport, delårsrapport eller årsredovisning, med planens alla budgetrader, insatser och mål",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan ny-uppföljning PLAN --period ÅÅÅÅ-MM [--rapport SLAG] [-o FIL.yaml]",
        after_help = "Exempel:\n  vplan ny-uppföljning plans/nedansiljan-2026.yaml --period 2026-08\n      skriver plans/nedansiljan-2026-delarsrapport-2026-08.yaml\n  vplan ny-uppföljning plan.yaml --period 2026-12 --rapport årsredovisning"
    )]
    NewFollowUp(NewFollowUpArgs),
    /// List a SIE file's accounts and objects with their sums for a period.
    #[command(
        name = "bokföring",
        about = "Visa konton och objekt i en SIE-fil med namn och summor för en period, grupperade per kontoklass, \
                 som underlag för `koppling:` i en uppföljning",
        help_template = COMMAND_TEMPLATE,
        override_usage = "vplan bokföring FIL.se [--period ÅÅÅÅ-MM]",
        after_help = "Exempel:\n  vplan bokföring bokforing-2026-08.se --period 2026-08\n      visar varje resultatkonto med belopp januari–augusti 2026, och dess objekt\n  vplan bokföring bokforing-2026.se\n      hela räkenskapsåret\n\nSe docs/bokforing.md för vilken export du ska be ekonomikontoret om."
    )]
    Books(BooksArgs),
}

/// Arguments of `vplan ny-uppföljning`.
#[derive(Debug, Args)]
pub struct NewFollowUpArgs {
    /// The adopted plan.
    #[arg(value_name = "PLAN", help = "Den antagna planen (YAML)")]
    pub plan: PathBuf,
    /// The period's last month (or day).
    #[arg(
        long = "period",
        value_name = "ÅÅÅÅ-MM",
        help = "Periodens sista månad, till exempel 2026-08 (januari–augusti), eller dess sista dag"
    )]
    pub period: String,
    /// The kind of report.
    #[arg(
        long = "rapport",
        value_name = "SLAG",
        help = "Rapportens slag; förval årsredovisning för december, tertialrapport för april, annars delårsrapport"
    )]
    pub report: Option<ReportKindArg>,
    /// Where to write it.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FIL.yaml",
        help = "Skriv uppföljningen hit (i planens mapp eller en mapp ovanför); förval bredvid planen"
    )]
    pub output: Option<PathBuf>,
}

/// The kind of report `vplan ny-uppföljning` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportKindArg {
    /// Tertialrapport.
    #[value(name = "tertialrapport")]
    Tertial,
    /// Delårsrapport.
    #[value(name = "delårsrapport")]
    Interim,
    /// Årsredovisning.
    #[value(name = "årsredovisning")]
    Annual,
}

/// Arguments of `vplan bokföring`.
#[derive(Debug, Args)]
pub struct BooksArgs {
    /// The SIE file.
    #[arg(value_name = "FIL.se", help = "SIE-filen från ekonomisystemet (typ 2, 3 eller 4)")]
    pub file: PathBuf,
    /// The last month of the period.
    #[arg(
        long = "period",
        value_name = "ÅÅÅÅ-MM",
        value_parser = parse_month,
        help = "Periodens sista månad; perioden börjar med räkenskapsåret. Förval hela räkenskapsåret"
    )]
    pub period: Option<(i32, u32)>,
}

fn parse_month(text: &str) -> Result<(i32, u32), String> {
    let parsed = text.trim().split_once('-').and_then(|(y, m)| {
        let year: i32 = y.parse().ok().filter(|y| (2000..=2099).contains(y))?;
        let month: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
        (m.len() == 2).then_some((year, month))
    });
    parsed.ok_or_else(|| {
        format!("`{text}` är ingen månad vplan kan använda; skriv ÅÅÅÅ-MM, till exempel 2026-08")
    })
}

/// Arguments of `vplan ny`.
#[derive(Debug, Args)]
pub struct NextArgs {
    /// This year's plan.
    #[arg(value_name = "PLAN", help = "Årets plan (YAML)")]
    pub plan: PathBuf,
    /// The new plan's year.
    #[arg(
        long = "år",
        value_name = "ÅR",
        allow_negative_numbers = true,
        value_parser = parse_year,
        help = "Den nya planens år; förval året efter planens"
    )]
    pub year: Option<i32>,
    /// Where to write the new plan.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "NY.yaml",
        help = "Skriv den nya planen hit; förval samma namn med det nya året, bredvid planen"
    )]
    pub output: Option<PathBuf>,
}

/// Arguments of `vplan diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older and the newer plan, or one plan with `--rev`.
    #[arg(
        value_name = "PLAN",
        required = true,
        num_args = 1..=2,
        help = "Den äldre och den nyare planen; eller en plan tillsammans med --rev"
    )]
    pub plans: Vec<PathBuf>,
    /// A git revision of the same file to compare with.
    #[arg(
        long = "rev",
        value_name = "REVISION",
        help = "Jämför med samma fil i en git-revision, till exempel HEAD, HEAD~1 eller en tagg"
    )]
    pub rev: Option<String>,
    /// Also write the comparison as a PDF appendix.
    #[arg(
        long = "pdf",
        value_name = "BILAGA.pdf",
        help = "Skriv också jämförelsen som PDF-bilaga, ”Förändringar jämfört med föregående plan”"
    )]
    pub pdf: Option<PathBuf>,
    /// Also write the appendix as a web page.
    #[arg(
        long = "html",
        requires = "pdf",
        help = "Skriv också bilagan som webbsida (.html) bredvid PDF-bilagan"
    )]
    pub html: bool,
    /// How the appendix is written, as for a plan.
    #[command(flatten)]
    pub outputs: OutputArgs,
}

/// Arguments of `vplan text`.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// The plan file.
    #[arg(value_name = "PLAN", help = "Planfilen (YAML)")]
    pub plan: PathBuf,
}

/// Arguments of `vplan mallar`.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// The folder to write the templates into.
    #[arg(
        value_name = "MAPP",
        default_value = "mallar",
        help = "Mappen mallarna skrivs till; förval ./mallar"
    )]
    pub folder: PathBuf,
}

/// Arguments of `vplan watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The plan file.
    #[arg(value_name = "PLAN", help = "Planfilen (YAML)")]
    pub plan: PathBuf,
    /// Output file.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "UT.pdf",
        help = "Skriv PDF-filen hit; annars bredvid planen med ändelsen .pdf"
    )]
    pub output: Option<PathBuf>,
    /// Page images after every build.
    #[command(flatten)]
    pub images: ImageArgs,
    /// Also write the web page after every build.
    #[arg(
        long = "html",
        help = "Skriv också om planen som webbsida (.html) bredvid PDF-filen vid varje bygge"
    )]
    pub html: bool,
}

/// Arguments of `vplan schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where to write the schema.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FIL",
        help = "Skriv schemat hit; annars till standard ut"
    )]
    pub output: Option<PathBuf>,
    /// The follow-up format's schema instead of the plan's.
    #[arg(
        long = "uppföljning",
        help = "Skriv schemat för uppföljningar (delårsrapport, årsredovisning) i stället för planens"
    )]
    pub followup: bool,
}

/// Arguments of `vplan ny-plan`.
#[derive(Debug, Args)]
pub struct NewPlanArgs {
    /// The förbund's name.
    #[arg(
        long = "förbund",
        value_name = "NAMN",
        help = "Förbundets namn; förval ”Exempelbygdens samordningsförbund”"
    )]
    pub name: Option<String>,
    /// The plan year.
    #[arg(
        long = "år",
        value_name = "ÅR",
        allow_negative_numbers = true,
        value_parser = parse_year,
        help = "Planens år; förval nästa år"
    )]
    pub year: Option<i32>,
    /// Where to write the plan.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "PLAN.yaml",
        help = "Skriv planen hit; förval namn-år.yaml i aktuell mapp"
    )]
    pub output: Option<PathBuf>,
}

/// Arguments of `vplan build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The plan files.
    #[arg(value_name = "PLAN", required = true, help = "Planfilen (YAML); flera går bra")]
    pub plans: Vec<PathBuf>,
    /// Output file (only with a single plan).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "UT.pdf",
        help = "Skriv PDF-filen hit (bara med en plan); annars bredvid planen med ändelsen .pdf"
    )]
    pub output: Option<PathBuf>,
    /// Which files are written beside the PDF, and how.
    #[command(flatten)]
    pub outputs: OutputArgs,
    /// The web page and its summary.
    #[command(flatten)]
    pub html: HtmlArgs,
}

/// `--html` and `--html-sammanfattning` of `vplan build`: the plan on the web.
#[derive(Debug, Args)]
pub struct HtmlArgs {
    /// Also write the plan as a web page.
    #[arg(
        long = "html",
        help = "Skriv också planen som en tillgänglig webbsida (.html) bredvid PDF-filen, att lägga ut på webben"
    )]
    pub page: bool,
    /// Also write a short web summary that links to the PDF.
    #[arg(
        long = "html-sammanfattning",
        help = "Skriv också en kort sammanfattning som webbsida (namn-sammanfattning.html) med länk till PDF-filen"
    )]
    pub summary: bool,
}

impl HtmlArgs {
    /// The web outputs asked for.
    pub fn outputs(&self) -> Vec<crate::outputs::Output> {
        use crate::outputs::Output;
        [(self.page, Output::Html), (self.summary, Output::HtmlSummary)]
            .into_iter()
            .filter_map(|(asked, output)| asked.then_some(output))
            .collect()
    }
}

/// What a build writes beside the PDF and how it reports: shared by `vplan build` and
/// `vplan diff --pdf`, which run the same pipeline.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Also write the generated Typst source.
    #[arg(long = "typ", help = "Skriv också den genererade Typst-källan (.typ) bredvid PDF-filen")]
    pub typ: bool,
    /// The PDF standards to conform to.
    #[arg(
        long = "standard",
        value_name = "LISTA",
        default_value = "ua-1,a-2a",
        hide_default_value = true,
        help = "PDF-standarder, kommaseparerade: ua-1 (tillgänglig), a-2a, a-2b, a-3b … (arkiv), eller `ingen`; \
                förval ua-1,a-2a"
    )]
    pub standard: crate::export::Standards,
    /// Show each stage and its time.
    #[arg(short = 'v', long = "utförligt", help = "Visa varje steg i bygget och hur lång tid det tog")]
    pub verbose: bool,
    /// Page images.
    #[command(flatten)]
    pub images: ImageArgs,
}

impl OutputArgs {
    /// The pipeline these arguments ask for: the plan, with the PDF and the files asked for.
    pub fn pipeline(&self) -> crate::pipeline::Pipeline<'static> {
        use crate::outputs::Output;
        let mut outputs = vec![Output::Pdf];
        if self.typ {
            outputs.push(Output::Typst);
        }
        outputs.extend(self.images.ppi().map(|ppi| Output::Png { ppi }));
        crate::pipeline::Pipeline {
            outputs,
            standards: self.standard.clone(),
            ..crate::pipeline::Pipeline::default()
        }
    }
}

/// `--png` and `--ppi`, shared by `vplan build` and `vplan watch`.
#[derive(Debug, Args)]
pub struct ImageArgs {
    /// Also write page images.
    #[arg(
        long = "png",
        help = "Skriv också en PNG-bild per sida bredvid PDF-filen (namn-1.png, namn-2.png …)"
    )]
    pub png: bool,
    /// Resolution of the page images.
    #[arg(
        long = "ppi",
        value_name = "PPI",
        default_value = "144",
        hide_default_value = true,
        value_parser = parse_ppi,
        help = "Sidbildernas upplösning i bildpunkter per tum, 18–600; förval 144"
    )]
    pub ppi: f32,
}

impl ImageArgs {
    /// The resolution to draw page images at, if they are asked for.
    pub fn ppi(&self) -> Option<f32> {
        self.png.then_some(self.ppi)
    }
}

/// A resolution for page images: a number of pixels per inch that gives a usable image.
fn parse_ppi(text: &str) -> Result<f32, String> {
    match text.trim().replace(',', ".").parse::<f32>() {
        Ok(ppi) if (18.0..=600.0).contains(&ppi) => Ok(ppi),
        _ => Err(format!(
            "`{text}` är ingen upplösning vplan kan använda; ange ett tal från 18 till 600, till exempel 144"
        )),
    }
}

/// A plan year: four digits, in the range a plan may have.
fn parse_year(text: &str) -> Result<i32, String> {
    match text.trim().parse::<i32>() {
        Ok(year) if (2000..=2099).contains(&year) => Ok(year),
        _ => Err(format!(
            "`{text}` är inget planår vplan kan använda; ange ett år från 2000 till 2099, till exempel 2027"
        )),
    }
}

/// Arguments of `vplan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The plan files.
    #[arg(value_name = "PLAN", required = true, help = "Planfilen (YAML); flera går bra")]
    pub plans: Vec<PathBuf>,
}

/// Parses the process's arguments. Help and version are printed here and end the process;
/// a usage error becomes a Swedish [`Error::User`].
pub fn parse() -> Result<Cli, Error> {
    Cli::try_parse().map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => e.exit(),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let _ = command.print_help();
            std::process::exit(1)
        }
        _ => Error::User(usage_error(&e)),
    })
}

/// A clap error in Swedish.
fn usage_error(e: &clap::Error) -> Diagnostic {
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        _ => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            format!("okänt argument `{}`", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!("okänt kommando `{}`", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => {
            format!("argument saknas: {}", context(ContextKind::InvalidArg).replace("<PLAN>...", "PLAN"))
        }
        ErrorKind::InvalidValue => {
            format!("ogiltigt värde för {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(reason) => format!("{}: {reason}", context(ContextKind::InvalidArg)),
            None => format!("ogiltigt värde för {}", context(ContextKind::InvalidArg)),
        },
        ErrorKind::ArgumentConflict => {
            format!("argumenten går inte ihop: {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("fel antal värden för {}", context(ContextKind::InvalidArg))
        }
        _ => "felaktiga argument".to_owned(),
    };
    Diagnostic::new(message).hint("se `vplan --help` för kommandon och exempel")
}
