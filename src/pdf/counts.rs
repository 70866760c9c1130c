//! The regional counts as a printed report for the ministry and the CNG: every table of the
//! "Statistiques" screen with its total, and the bar chart of the tables the screen charts,
//! placed above its table.

use super::layout::{Align, Column, DocumentInfo, Fonts, Header, PdfError, Row, Table, TextStyle, Writer};
use crate::stats::{format_count, Counts, StatTable};

fn table_of(t: &StatTable) -> Table {
    let with_amounts = t.rows.iter().any(|r| r.amount.is_some());
    let mut columns = vec![
        Column::new("Catégorie", 3.0, Align::Left),
        Column::new(t.unit.clone(), 1.0, Align::Right),
    ];
    if with_amounts {
        columns.push(Column::new("Montant brut", 1.4, Align::Right));
    }
    let mut rows: Vec<Row> = t
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.label.clone(), format_count(r.count)];
            if with_amounts {
                cells.push(r.amount_label.clone().unwrap_or_default());
            }
            Row::new(cells)
        })
        .collect();
    let mut total = vec!["Total".to_owned(), format_count(t.total())];
    if with_amounts {
        total.push(
            t.total_amount()
                .map(crate::money::format_euros)
                .unwrap_or_default(),
        );
    }
    rows.push(Row::total(total));
    Table { columns, rows }
}

/// The report, as PDF bytes; `printed` is the date written in its metadata.
pub fn render_counts_report(
    fonts: &Fonts,
    c: &Counts,
    printed: chrono::NaiveDate,
) -> Result<Vec<u8>, PdfError> {
    // Already the agency's name ("ARS Bretagne", see `Counts::region`): printed as it is.
    let ars = c.region.clone();
    let title = format!(
        "Contrats d'engagement de service public : comptages au {}",
        c.as_of
    );
    let mut header = Header::new(ars.clone(), title.clone());
    header.subtitle = Some("Signataires suivis par l'agence, situation à la date".to_owned());
    header.top_right = Some(format!("Édité le {}", crate::domain::dates::format_fr(printed)));
    let mut info = DocumentInfo::new(title, printed);
    info.author = ars;
    info.subject = "Comptages régionaux CESP".to_owned();
    let mut w = Writer::new(fonts, header, &info);
    for t in &c.tables {
        w.heading(&t.title);
        if t.rows.is_empty() {
            w.paragraph_styled(&t.empty, TextStyle::NOTE);
            continue;
        }
        if t.chart {
            let bars: Vec<(String, u32)> = t.rows.iter().map(|r| (r.label.clone(), r.count)).collect();
            w.bar_chart(&bars);
        }
        w.table(&table_of(t))?;
    }
    w.paragraph_styled(
        "Situation lue dans les dates des dossiers (signature, diplôme, installation, suspensions, fin de contrat) ; \
         à défaut de date, le statut actuel. Allocation : mensualités brutes dont le premier jour tombe dans la période.",
        TextStyle::NOTE,
    );
    w.finish()
}
