//! The four pools (CUS-7) as a state machine: a command applied to a pool gives the next
//! pool or says why it cannot.

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, DomainResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pool {
    /// 公海: unowned, claimable.
    Public,
    /// 潜在客户: owned, no deal yet.
    Potential,
    /// 成交客户: at least one signed contract.
    Won,
    /// 无效: out of normal lists until revalidated.
    Invalid,
}

impl Pool {
    pub const ALL: [Pool; 4] = [Pool::Public, Pool::Potential, Pool::Won, Pool::Invalid];

    pub fn as_str(self) -> &'static str {
        match self {
            Pool::Public => "public",
            Pool::Potential => "potential",
            Pool::Won => "won",
            Pool::Invalid => "invalid",
        }
    }

    pub fn parse(s: &str) -> Option<Pool> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolCommand {
    Claim,
    Assign,
    Release,
    Invalidate,
    /// Back from invalid: to `potential` when it still has an owner, else `public`.
    Revalidate { has_owner: bool },
    /// A contract became active (CON-4).
    MarkWon,
}

/// The pool after `cmd`, or a 409 naming the rule.
pub fn apply(pool: Pool, cmd: PoolCommand) -> DomainResult<Pool> {
    use Pool::*;
    use PoolCommand::*;
    let wrong = |what: &str| {
        DomainError::conflict("customer.wrong_pool", format!("a customer in the {} pool cannot be {what}", pool.as_str()))
            .with_extra(serde_json::json!({ "pool": pool.as_str() }))
    };
    match (pool, cmd) {
        (Public, Claim) => Ok(Potential),
        (_, Claim) => Err(wrong("claimed; only public customers can")),
        (Public, Assign) => Ok(Potential),
        (_, Assign) => Err(wrong("assigned; only public customers can")),
        (Potential | Won, Release) => Ok(Public),
        (_, Release) => Err(wrong("released")),
        (Invalid, Invalidate) => Err(wrong("invalidated again")),
        (_, Invalidate) => Ok(Invalid),
        (Invalid, Revalidate { has_owner: true }) => Ok(Potential),
        (Invalid, Revalidate { has_owner: false }) => Ok(Public),
        (_, Revalidate { .. }) => Err(wrong("revalidated; it is not invalid")),
        (Public | Potential | Won, MarkWon) => Ok(Won),
        (Invalid, MarkWon) => Err(wrong("won")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        assert_eq!(apply(Pool::Public, PoolCommand::Claim).unwrap(), Pool::Potential);
        assert_eq!(apply(Pool::Potential, PoolCommand::Claim).unwrap_err().code, "customer.wrong_pool");
        assert_eq!(apply(Pool::Won, PoolCommand::Release).unwrap(), Pool::Public);
        assert!(apply(Pool::Public, PoolCommand::Release).is_err());
        assert_eq!(apply(Pool::Potential, PoolCommand::Invalidate).unwrap(), Pool::Invalid);
        assert_eq!(apply(Pool::Invalid, PoolCommand::Revalidate { has_owner: false }).unwrap(), Pool::Public);
        assert_eq!(apply(Pool::Invalid, PoolCommand::Revalidate { has_owner: true }).unwrap(), Pool::Potential);
        assert_eq!(apply(Pool::Potential, PoolCommand::MarkWon).unwrap(), Pool::Won);
        assert!(apply(Pool::Invalid, PoolCommand::MarkWon).is_err());
    }
}
