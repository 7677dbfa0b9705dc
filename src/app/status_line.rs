//! The status line: what the last action did, or why it could not. An error that follows a
//! success (the save worked, the reload after it did not) is added to it, never hidden by it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Self {
        Status {
            kind: StatusKind::Info,
            text: text.into(),
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Status {
            kind: StatusKind::Error,
            text: text.into(),
        }
    }
}

/// The line itself: empty, or one message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusLine(Option<Status>);

impl StatusLine {
    pub fn get(&self) -> Option<&Status> {
        self.0.as_ref()
    }

    pub fn text(&self) -> &str {
        self.0.as_ref().map_or("", |s| s.text.as_str())
    }

    pub fn is_error(&self) -> bool {
        self.0.as_ref().is_some_and(|s| s.kind == StatusKind::Error)
    }

    pub fn set(&mut self, status: Status) {
        self.0 = Some(status);
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.0 = Some(Status::info(text));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.0 = Some(Status::error(text));
    }

    /// An error after what the line says: both stay, as an error.
    pub fn add_error(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.0 = Some(Status::error(match self.0.take() {
            Some(s) if !s.text.is_empty() => format!("{}; but {text}", s.text),
            _ => text,
        }));
    }

    /// A remark after what the line says (a row that left the list after the change that
    /// moved it): both stay, an error stays an error.
    pub fn add_info(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.0 = Some(match self.0.take() {
            Some(s) if !s.text.is_empty() => Status {
                kind: s.kind,
                text: format!("{}; {text}", s.text),
            },
            _ => Status::info(text),
        });
    }

    pub fn clear(&mut self) {
        self.0 = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_error_keeps_what_was_said() {
        let mut line = StatusLine::default();
        line.info("item 4 saved");
        line.add_error("the lists could not be reloaded: disk I/O error");
        assert!(line.is_error());
        assert_eq!(
            line.text(),
            "item 4 saved; but the lists could not be reloaded: disk I/O error"
        );
        let mut empty = StatusLine::default();
        empty.add_error("x");
        assert_eq!(empty.text(), "x");
        let mut remark = StatusLine::default();
        remark.info("1 item(s) set rejected");
        remark.add_info("item 7 left this list");
        assert_eq!(remark.get().map(|s| s.kind), Some(StatusKind::Info));
        assert_eq!(
            remark.text(),
            "1 item(s) set rejected; item 7 left this list"
        );
    }
}
