//! `finctl man`: the manual page (roff, section 1), generated from the command line the binary
//! parses (the caller passes it in), printed on standard output. One page holds every command:
//! clap_mangen writes the page, whose list of subcommands (which would point at pages
//! `finctl-import(1)` and so on that are not installed) is replaced by a COMMANDS section giving
//! each command's usage, description and options. It opens no database and makes no file or
//! folder.

use clap::{Arg, Command};
use roff::{Roff, bold, italic, roman};
use std::io::Write;

/// Writes the manual page of `cmd` to `out`.
pub fn write(cmd: Command, out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = cmd.name("finctl").bin_name("finctl");
    cmd.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    let page = String::from_utf8_lossy(&page).into_owned();
    out.write_all(with_commands(&page, &commands(&cmd)).as_bytes())?;
    out.flush()
}

/// `page` with its SUBCOMMANDS section replaced by `commands` (added at its end if it has none).
fn with_commands(page: &str, commands: &str) -> String {
    const HEADING: &str = ".SH SUBCOMMANDS\n";
    let Some(start) = page.find(HEADING) else {
        return format!("{page}{commands}");
    };
    let end = page[start + HEADING.len()..]
        .find("\n.SH ")
        .map_or(page.len(), |at| start + HEADING.len() + at + 1);
    format!("{}{commands}{}", &page[..start], &page[end..])
}

/// The COMMANDS section: every command, nested ones after their group, without the preamble
/// that the page has already.
fn commands(cmd: &Command) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    section(&mut roff, cmd);
    let preamble = Roff::new().render();
    let text = roff.render();
    text.strip_prefix(&preamble).unwrap_or(&text).to_string()
}

fn shown(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

fn section(roff: &mut Roff, cmd: &Command) {
    for sub in shown(cmd) {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
        roff.control("SS", [name]);
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        roff.text([bold(usage)]);
        let about = sub.get_long_about().or_else(|| sub.get_about());
        for paragraph in about
            .map(|a| a.to_string())
            .iter()
            .flat_map(|a| paragraphs(a))
        {
            roff.control("PP", []);
            roff.text([roman(paragraph)]);
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
        {
            option(roff, arg);
        }
        if let Some(after) = sub.get_after_long_help().or_else(|| sub.get_after_help()) {
            for paragraph in paragraphs(&after.to_string()) {
                roff.control("PP", []);
                roff.text([roman(paragraph)]);
            }
        }
        section(roff, sub);
    }
}

/// Blank-line separated paragraphs, each on one line.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// One argument: `-o, --output <FILE>` or `<WHAT>`, its help, its values and default.
fn option(roff: &mut Roff, arg: &Arg) {
    roff.control("TP", []);
    let values = arg
        .get_value_names()
        .map(|names| {
            names
                .iter()
                .map(|n| format!("<{n}>"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| format!("<{}>", arg.get_id().as_str().to_uppercase()));
    let mut header = Vec::new();
    match (arg.get_short(), arg.get_long()) {
        (Some(s), Some(l)) => header.push(bold(format!("-{s}, --{l}"))),
        (Some(s), None) => header.push(bold(format!("-{s}"))),
        (None, Some(l)) => header.push(bold(format!("--{l}"))),
        (None, None) => header.push(italic(values.clone())),
    }
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    if !arg.is_positional() && takes_value {
        header.push(roman(" "));
        header.push(italic(values));
    }
    roff.text(header);
    let mut help = arg
        .get_long_help()
        .or_else(|| arg.get_help())
        .map(|h| paragraphs(&h.to_string()).join(" "))
        .unwrap_or_default();
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !possible.is_empty() && takes_value {
        help.push_str(&format!(" [possible values: {}]", possible.join(", ")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && takes_value {
        help.push_str(&format!(" [default: {}]", defaults.join(", ")));
    }
    roff.text([roman(help.trim().to_string())]);
}
