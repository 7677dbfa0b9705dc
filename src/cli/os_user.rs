//! The acting user is the operating-system account of the process (from its uid): never an
//! environment variable that anyone can set.

use anyhow::{Context, Result};
use nix::unistd::{Uid, User};

pub fn current() -> Result<String> {
    let uid = Uid::current();
    let user = User::from_uid(uid)
        .with_context(|| format!("cannot look up the account of uid {uid}"))?
        .with_context(|| format!("uid {uid} has no account name"))?;
    Ok(user.name)
}
