//! Roles a user can hold.

use crate::text::{clean, i18n_error, string_type};

/// A role. A user can hold several, each scoped as [`Role::scope`] says
/// (a region staff role names its region, an org admin role its organization).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Runs the installation: regions, declarations catalog, users.
    PlatformAdmin,
    /// A city's programme office: approves declarations in its region.
    RegionStaff,
    /// An organization's administrator (経営者・人事): declares, edits figures, invites members.
    OrgAdmin,
    /// A member of an organization.
    OrgMember,
    /// A consultant working with employers in a region (伴走支援).
    Consultant,
}

/// What a role is held for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoleScope {
    /// The whole installation.
    Platform,
    /// One region (by its [`crate::LocalGovCode`]).
    Region,
    /// One organization.
    Organization,
}

/// Why a string is not a [`Role`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RoleError {
    #[error("no role given")]
    Empty,
    #[error("unknown role")]
    Unknown,
}

impl RoleError {
    pub fn i18n_key(&self) -> &'static str {
        match self {
            Self::Empty => "error.required",
            Self::Unknown => "error.role.unknown",
        }
    }
}
i18n_error!(RoleError);

impl Role {
    pub const ALL: [Role; 5] = [
        Self::PlatformAdmin,
        Self::RegionStaff,
        Self::OrgAdmin,
        Self::OrgMember,
        Self::Consultant,
    ];

    /// Every role, least privileged first: the order a role picker offers them, so
    /// an invitation sent without a second look grants the least.
    pub const BY_PRIVILEGE: [Role; 5] = [
        Self::OrgMember,
        Self::OrgAdmin,
        Self::Consultant,
        Self::RegionStaff,
        Self::PlatformAdmin,
    ];

    /// Parses the stable id (`platform_admin`, `region_staff`, `org_admin`,
    /// `org_member`, `consultant`).
    pub fn parse(input: &str) -> Result<Self, RoleError> {
        let s = clean(input);
        if s.is_empty() {
            return Err(RoleError::Empty);
        }
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or(RoleError::Unknown)
    }

    /// The stable id stored in the database.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::PlatformAdmin => "platform_admin",
            Self::RegionStaff => "region_staff",
            Self::OrgAdmin => "org_admin",
            Self::OrgMember => "org_member",
            Self::Consultant => "consultant",
        }
    }

    pub fn scope(&self) -> RoleScope {
        match self {
            Self::PlatformAdmin => RoleScope::Platform,
            Self::RegionStaff | Self::Consultant => RoleScope::Region,
            Self::OrgAdmin | Self::OrgMember => RoleScope::Organization,
        }
    }

    pub fn name_ja(&self) -> &'static str {
        match self {
            Self::PlatformAdmin => "プラットフォーム管理者",
            Self::RegionStaff => "自治体担当者",
            Self::OrgAdmin => "組織管理者",
            Self::OrgMember => "組織メンバー",
            Self::Consultant => "コンサルタント",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            Self::PlatformAdmin => "Platform administrator",
            Self::RegionStaff => "Region staff",
            Self::OrgAdmin => "Organization administrator",
            Self::OrgMember => "Organization member",
            Self::Consultant => "Consultant",
        }
    }
}
string_type!(Role, RoleError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        let ids: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(
            ids,
            [
                "platform_admin",
                "region_staff",
                "org_admin",
                "org_member",
                "consultant"
            ]
        );
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
        assert_eq!(Role::parse("admin"), Err(RoleError::Unknown));
        assert_eq!(Role::parse("Platform_Admin"), Err(RoleError::Unknown));
        assert_eq!(Role::parse(" "), Err(RoleError::Empty));
    }

    #[test]
    fn scopes() {
        assert_eq!(Role::PlatformAdmin.scope(), RoleScope::Platform);
        assert_eq!(Role::RegionStaff.scope(), RoleScope::Region);
        assert_eq!(Role::Consultant.scope(), RoleScope::Region);
        assert_eq!(Role::OrgAdmin.scope(), RoleScope::Organization);
        assert_eq!(Role::OrgMember.scope(), RoleScope::Organization);
    }
}
