//! What sits on top of the screens, `Esc` popping the top: views, forms, dialogs, the help.

use super::actions::{Confirm, FormAction};
use super::form::Form;
use super::keymap::Context;
use super::view::View;
use std::any::Any;

pub enum Overlay {
    View(Box<dyn View>),
    Form(Box<FormOverlay>),
    Dialog(Dialog),
    Help { context: Context, scroll: u16 },
}

/// A form and what saving it does.
pub struct FormOverlay {
    pub form: Form,
    pub action: Box<dyn FormAction>,
}

impl FormOverlay {
    /// The action, when it is a `T`.
    pub fn action<T: FormAction>(&self) -> Option<&T> {
        (self.action.as_ref() as &dyn Any).downcast_ref::<T>()
    }
}

/// A yes/no question before an action that changes or ends something.
pub struct Dialog {
    pub title: String,
    pub lines: Vec<String>,
    pub action: Box<dyn Confirm>,
}

impl Overlay {
    /// The view, when it is a `T`.
    pub fn view<T: View>(&self) -> Option<&T> {
        match self {
            Overlay::View(v) => (v.as_ref() as &dyn Any).downcast_ref::<T>(),
            _ => None,
        }
    }

    pub fn view_mut<T: View>(&mut self) -> Option<&mut T> {
        match self {
            Overlay::View(v) => (v.as_mut() as &mut dyn Any).downcast_mut::<T>(),
            _ => None,
        }
    }

    pub fn form(&self) -> Option<&FormOverlay> {
        match self {
            Overlay::Form(f) => Some(f),
            _ => None,
        }
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        match self {
            Overlay::Dialog(d) => Some(d),
            _ => None,
        }
    }
}
