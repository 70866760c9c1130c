//! The error the front end receives: field messages for a form, or one French sentence.

use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommandError {
    /// One message per invalid field, to show next to it; nothing was saved.
    Validation { fields: Vec<cesp::FieldError> },
    /// Anything else, already phrased for the user.
    Failure { message: String },
    /// The database file is damaged: the window offers its backups.
    Damaged { message: String },
}

impl CommandError {
    pub fn failure(message: impl Into<String>) -> Self {
        CommandError::Failure {
            message: message.into(),
        }
    }

    /// The sentence of a failure or a damaged file (`None` for field errors).
    pub fn message_mut(&mut self) -> Option<&mut String> {
        match self {
            CommandError::Failure { message } | CommandError::Damaged { message } => Some(message),
            CommandError::Validation { .. } => None,
        }
    }
}

impl From<cesp::Error> for CommandError {
    fn from(e: cesp::Error) -> Self {
        match e {
            cesp::Error::Validation(v) => CommandError::Validation { fields: v.0 },
            e @ (cesp::Error::Damaged { .. } | cesp::Error::Corrupt(_)) => CommandError::Damaged {
                message: e.to_string(),
            },
            other => CommandError::failure(other.to_string()),
        }
    }
}
