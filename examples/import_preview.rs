//! Shows what the import reads from a file: the sheets, the proposed mapping, then every
//! row's values and errors.
//!
//!     cargo run --example import_preview -- tests/data/registre-ars.xlsx

use cesp::import::{map_rows, propose_mapping, read_file};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage : import_preview FICHIER");
        std::process::exit(2);
    };
    let workbook = match read_file(&path) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for sheet in &workbook.sheets {
        println!(
            "Feuille « {} »{} : {} lignes",
            sheet.name,
            if sheet.hidden { " (masquée)" } else { "" },
            sheet.rows.len()
        );
    }
    let Some(sheet) = workbook.main_sheet() else {
        return;
    };
    let mapping = propose_mapping(sheet);
    println!("En-tête : ligne {}", mapping.header_row + 1);
    for (col, field) in mapping.columns.iter().enumerate() {
        let header = mapping.headers.get(col).map(String::as_str).unwrap_or_default();
        let target = field.map_or("(ignorée)", |f| f.as_str());
        println!(
            "  {:>3} « {header} » → {target}",
            cesp::import::column_letter(col)
        );
    }
    for d in &mapping.duplicates {
        println!("  ! {}", d.message());
    }
    for row in map_rows(sheet, &mapping, chrono::Local::now().date_naive()) {
        if let Some(reason) = &row.skipped {
            println!("{:>4} (ignorée : {reason})", row.row_number);
            continue;
        }
        let values: Vec<String> = row
            .values
            .iter()
            .map(|(k, v)| format!("{}={v:?}", k.as_str()))
            .collect();
        println!("{:>4} {}", row.row_number, values.join(" "));
        for e in &row.errors {
            println!("     ✗ {e}");
        }
    }
}
