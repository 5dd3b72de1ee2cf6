//! The command line in French, all the way: help pages framed in French on every
//! subcommand, French value names, and clap's parse errors rewritten in French (clap
//! itself only speaks English).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgMatches, CommandFactory, FromArgMatches};

/// The French frame of every help page.
const HELP: &str = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// The full command tree with French help on every level.
pub fn command() -> clap::Command {
    french(super::Cli::command())
}

fn french(cmd: clap::Command) -> clap::Command {
    cmd.help_template(HELP)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .mut_args(|a| {
            let name = match a.get_id().as_str() {
                "shop" => "BOUTIQUE",
                "role" => "RÔLE",
                "phone" => "NUMÉRO",
                "token" => "JETON",
                "email" => "EMAIL",
                "slug" => "IDENTIFIANT",
                "name" => "NOM",
                "provider" => "FOURNISSEUR",
                "message" => "TEXTE",
                "from" => "NUMÉRO",
                _ => return a,
            };
            // The help text already lists the values, in French.
            a.value_name(name).hide_possible_values(true)
        })
        .mut_subcommands(french)
}

/// Parses the process arguments; on a mistake, prints it in French and exits.
pub fn parse() -> super::Cli {
    let cmd = command();
    let matches: ArgMatches = cmd.clone().try_get_matches().unwrap_or_else(|e| exit(e));
    super::Cli::from_arg_matches(&matches).unwrap_or_else(|e| exit(e))
}

fn exit(e: clap::Error) -> ! {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        _ => {
            eprintln!("erreur : {}", message(&e));
            eprintln!("\nPour de l'aide : varotra --help (ou varotra <commande> --help)");
            std::process::exit(2)
        }
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The French sentence for a clap error.
pub fn message(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let hint = |kind| {
        context(e, kind)
            .map(|s| format!(" (vouliez-vous dire {s} ?)"))
            .unwrap_or_default()
    };
    match e.kind() {
        ErrorKind::InvalidValue => {
            let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
            let valid = context(e, ContextKind::ValidValue)
                .map(|v| format!(" ; valeurs possibles : {v}"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("une valeur est attendue après {arg}{valid}")
            } else {
                format!("valeur « {value} » invalide pour {arg}{valid}")
            }
        }
        ErrorKind::UnknownArgument => {
            format!("option inconnue : {arg}{}", hint(ContextKind::SuggestedArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue : {}{}",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
            hint(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("à indiquer aussi : {arg}"),
        ErrorKind::MissingSubcommand => "il manque la commande".into(),
        ErrorKind::ArgumentConflict => format!(
            "{arg} ne va pas avec {}",
            context(e, ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::ValueValidation => format!(
            "valeur invalide pour {arg} : {}",
            context(e, ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => {
            format!("{arg} est donné trop de fois")
        }
        _ => format!(
            "ligne de commande invalide / {}",
            e.render().to_string().trim()
        ),
    }
}

#[cfg(test)]
mod tests {
    fn error_of(args: &[&str]) -> String {
        let e = super::command().try_get_matches_from(args).unwrap_err();
        super::message(&e)
    }

    #[test]
    fn parse_mistakes_are_explained_in_french() {
        assert_eq!(
            error_of(&["varotra", "user", "add", "--email", "a@b.mg", "--shop", "s", "--role", "boss"]),
            "valeur « boss » invalide pour --role <RÔLE> ; valeurs possibles : owner, agent, agency"
        );
        assert!(error_of(&["varotra", "servre"]).starts_with("commande inconnue : servre"));
        assert!(error_of(&["varotra", "user", "add", "--email", "a@b.mg"])
            .starts_with("à indiquer aussi : --shop <BOUTIQUE>"));
        assert!(error_of(&["varotra", "migrate", "--nope"]).starts_with("option inconnue : --nope"));
    }

    #[test]
    fn every_help_page_is_framed_in_french() {
        fn walk(cmd: &mut clap::Command, path: &str) {
            let help = cmd.render_help().to_string();
            assert!(help.contains("Utilisation : "), "{path}: {help}");
            assert!(!help.contains("Usage:"), "{path}");
            assert!(!help.contains("Print help"), "{path}");
            for sub in cmd.get_subcommands_mut() {
                if sub.is_hide_set() {
                    continue;
                }
                let name = format!("{path} {}", sub.get_name());
                walk(sub, &name);
            }
        }
        let mut cmd = super::command();
        cmd.build();
        walk(&mut cmd, "varotra");
    }
}
