/// Every command the front end may call. Declaring them in the app manifest makes Tauri
/// deny any command that a capability does not grant; capabilities/main.json grants
/// exactly these (a test in src/commands.rs checks both lists against the registered ones).
const COMMANDS: &[&str] = &[
    "app_info",
    "reference_lists",
    "list_signatories",
    "get_signatory",
    "create_signatory",
    "update_signatory",
    "save_settings",
    "load_demo",
    "start_empty",
    "get_ledger",
    "save_ledger",
    "simulate_rupture",
    "record_contract_end",
    "allowance_rates",
    "save_allowance_rates",
    "print_rupture_simulation",
    "degressive_settings",
    "save_degressive_settings",
    "contact_settings",
    "save_contact_settings",
    "followup_campaign",
    "followup_campaign_ids",
    "mark_forms_sent",
    "record_form_reminder",
    "mark_form_received",
    "get_followup_form",
    "record_followup_answers",
    "followup_history",
    "print_followup_sheet",
    "print_followup_batch",
    "cancel_followup_print",
    "import_preview",
    "import_run",
    "save_import_mapping",
    "save_import_report",
    "interviews_tab",
    "save_interview",
    "delete_interview",
    "region_due_interviews",
    "print_interview_report",
    "installation_tab",
    "save_declaration",
    "delete_declaration",
    "installation_settings",
    "save_installation_settings",
    "zonage_versions",
    "import_zonage",
    "search_communes",
];

fn main() {
    let attributes =
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes)
        .expect("configuration Tauri invalide (tauri.conf.json, capabilities/)");
}
