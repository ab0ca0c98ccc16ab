//! The one place that decides who may do what. Handlers name the [`Action`] they
//! are about to perform and call `ctx.require(&action)`; nothing else checks roles.
//! `tests/http.rs` walks every route with every role to prove these rules.

use serde::Serialize;
use store::Store;
use store::engagements::Consulting;
use store::users::RoleAssignment;

/// A signed-in user with the roles they hold.
#[derive(Debug, Clone, Serialize)]
pub struct Principal {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<RoleAssignment>,
    /// The engagements (伴走支援) the user consults on, with what each
    /// organization chose to open to them and whether the engagement still runs
    /// (loaded with Japan's date of the request).
    pub consulting: Vec<Consulting>,
}

impl Principal {
    /// The signed-in user of a session: the session already carries the user's
    /// e-mail and name, so only the roles are read.
    pub async fn of_session(
        store: &Store,
        session: store::sessions::Session,
    ) -> Result<Principal, store::Error> {
        let roles = store.roles_of(session.user_id).await?;
        let consulting = if roles.iter().any(|r| r.role == "consultant") {
            store
                .consulting_of(session.user_id, crate::today_jst())
                .await?
        } else {
            Vec::new()
        };
        Ok(Principal {
            user_id: session.user_id,
            email: session.email,
            display_name: session.display_name,
            roles,
            consulting,
        })
    }

    fn has(&self, role: &str) -> impl Iterator<Item = &RoleAssignment> {
        self.roles.iter().filter(move |r| r.role == role)
    }

    pub fn is_platform_admin(&self) -> bool {
        self.has("platform_admin").next().is_some()
    }

    /// Regions where the user is 市役所 staff.
    pub fn staff_regions(&self) -> Vec<i64> {
        self.has("region_staff")
            .filter_map(|r| r.region_id)
            .collect()
    }

    /// Organizations the user administers.
    pub fn admin_orgs(&self) -> Vec<i64> {
        self.has("org_admin").filter_map(|r| r.org_id).collect()
    }

    /// Organizations the user belongs to in any role.
    pub fn member_orgs(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self
            .roles
            .iter()
            .filter(|r| r.role == "org_admin" || r.role == "org_member")
            .filter_map(|r| r.org_id)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    pub fn consultant_regions(&self) -> Vec<i64> {
        self.has("consultant").filter_map(|r| r.region_id).collect()
    }

    /// Whether the user is one of the engagement's consultants.
    pub fn consults_on(&self, engagement_id: i64) -> bool {
        self.consulting
            .iter()
            .any(|c| c.engagement_id == engagement_id)
    }

    /// A running engagement whose organization let its consultants see the
    /// aggregates.
    fn granted_aggregates(&self, org_id: i64) -> bool {
        self.consulting
            .iter()
            .any(|c| c.org_id == org_id && c.running && c.aggregates)
    }

    /// A running engagement whose organization let its consultants see the
    /// per-employee rows too.
    fn granted_rows(&self, org_id: i64) -> bool {
        self.consulting
            .iter()
            .any(|c| c.org_id == org_id && c.running && c.rows)
    }

    fn is_staff_of(&self, region_id: Option<i64>) -> bool {
        region_id.is_some_and(|r| self.staff_regions().contains(&r))
    }

    /// Whether the review queue is worth a link in the navigation.
    pub fn can_review_anything(&self) -> bool {
        self.is_platform_admin() || !self.staff_regions().is_empty()
    }
}

/// Everything a signed-in user can ask to do. Org actions carry the organization's
/// region so region staff can be checked without another lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Any signed-in user: dashboard, own password.
    SignedIn,
    /// Users, roles, audit log, declarations catalog, regions.
    AdministerPlatform,
    /// See the review queue (platform admin, or staff of some region).
    OpenReviewQueue,
    /// Approve or reject a signing of an organization in `region_id`.
    ReviewSigning { region_id: Option<i64> },
    /// Create an organization in `region_id` (None: national / outside the regions).
    CreateOrganization { region_id: Option<i64> },
    /// See an organization's own pages (its declarations and their status).
    ViewOrganization { org_id: i64, region_id: Option<i64> },
    /// Edit the organization's profile.
    EditOrganization { org_id: i64, region_id: Option<i64> },
    /// Declare on behalf of the organization, type its figures and choose which
    /// of them to publish.
    DeclareForOrganization { org_id: i64 },
    /// Read the inquiries and applications job seekers sent the organization
    /// (names, contacts, CVs) and answer them: its admins alone, no role above
    /// them (the region's staff see the counts).
    AnswerInquiries { org_id: i64 },
    /// See per-employee rows (violations, warnings, the 5-day duty, the 60 h list)
    /// and the employees' own codes: the employer's org admins, and the
    /// consultants of a running engagement the organization opened its rows to;
    /// not even platform admins (DESIGN "Who sees what"; docs/decisions.md).
    ViewEmployeeFigures { org_id: i64 },
    /// See an organization's aggregates (KPI page, readiness, plan, disclosure):
    /// its members, staff of its region once the organization shares them, and
    /// the consultants of a running engagement the organization opened them to.
    ViewOrganizationAggregates {
        org_id: i64,
        region_id: Option<i64>,
        shared_with_region: bool,
    },
    /// Choose whether region staff see the aggregates: the employer's consent, so
    /// its org admins alone.
    ChooseRegionSharing { org_id: i64 },
    /// Invite a person into the organization (its HR person or a member): the
    /// staff of its region, who run the program with it.
    InviteToOrganization { org_id: i64, region_id: Option<i64> },
    /// Edit a region's names, introductions and emblem: its staff.
    EditRegion { region_id: i64 },
    /// Open the events desk (create events): staff of some region.
    OpenEventDesk,
    /// Create, edit, publish or cancel the events of a region, and see its
    /// drafts: its staff.
    ManageEvents { region_id: i64 },
    /// Open the news desk (write news): staff of some region.
    WriteNews,
    /// Write, publish or withdraw a region's news (お知らせ) and see its drafts:
    /// its staff.
    ManageNews { region_id: i64 },
    /// Write case stories (取組事例): an employer's admins, a region's staff.
    WriteStories,
    /// Change a story and see it before it is public: an employer's story, its
    /// admins; a region's own story (no employer), its staff.
    EditStory { org_id: Option<i64>, region_id: i64 },
    /// Open the program view (事業の実施状況): staff of some region.
    OpenProgramView,
    /// See a region's program view and annual report (counts only): its staff.
    ViewProgram { region_id: i64 },
    /// Open the mismatch dashboard (ミスマッチの見える化): staff of some region.
    OpenMismatch,
    /// See a region's mismatch dashboard (the residents' survey through its
    /// threshold, profiles, postings, inquiry counts): its staff.
    ViewMismatch { region_id: i64 },
    /// Open and close the region's residents' survey rounds: its staff.
    ManageSurveys { region_id: i64 },
    /// Create the leader courses of a region, plan their sessions, enrol
    /// participants, name facilitators and mark attendance: its staff.
    ManageCourses { region_id: i64 },
    /// Open a course's page: the region's staff, the course's facilitators and
    /// its participants (anyone else: as if it did not exist).
    ViewCourse {
        region_id: i64,
        is_facilitator: bool,
        is_participant: bool,
    },
    /// Read every worksheet of a course's cohort and comment on them: the
    /// region's staff and the users they named facilitators of the course.
    FacilitateCourse {
        region_id: i64,
        is_facilitator: bool,
    },
    /// Read one participant's worksheets and their history: the participant,
    /// their organization's admins, the course's facilitators and the region's
    /// staff. Nobody else, not even platform admins (a company's own issues).
    ViewWorksheet {
        region_id: i64,
        org_id: i64,
        participant_user_id: i64,
        is_facilitator: bool,
    },
    /// Write a worksheet (draft and revisions): the participant alone.
    EditWorksheet { participant_user_id: i64 },
    /// See a completion certificate: the participant, their organization's
    /// admins and the region's staff.
    ViewCertificate {
        region_id: i64,
        org_id: i64,
        participant_user_id: i64,
    },
    /// Open the engagements list (伴走支援): anyone signed in; it lists only
    /// what the user may see.
    ListEngagements,
    /// Create an engagement in `region_id` and choose its consultants: its staff.
    CreateEngagement { region_id: i64 },
    /// See an engagement (ありたい姿, team, meetings, actions, goals' progress):
    /// its consultants, the organization's people, its region's staff.
    ViewEngagement {
        engagement_id: i64,
        org_id: i64,
        region_id: i64,
    },
    /// Read an engagement's records (ありたい姿, team, meetings' minutes, the
    /// action sheet): its consultants and the organization's people, not the
    /// region's staff, who follow the status and the counts.
    ReadEngagementRecords { engagement_id: i64, org_id: i64 },
    /// Write on an engagement (ありたい姿, team, meetings, actions, goals):
    /// its consultants and the organization's admins.
    WorkOnEngagement { engagement_id: i64, org_id: i64 },
    /// Change an engagement's status, period and consultants: its region's
    /// staff and its consultants.
    ManageEngagement { engagement_id: i64, region_id: i64 },
    /// Open the engagement's consultants to the aggregates, and the rows: the
    /// employer's consent, so its org admins alone.
    ChooseEngagementAccess { org_id: i64 },
    /// Write one's own 朝メール・夜メール in an organization: its admins and
    /// members, for themselves; no role above them.
    WriteDailyPlan { org_id: i64 },
    /// Read a team's days, comment on them and thank: the team's own people
    /// alone (not the organization's admins, not any role above).
    ReadTeamDays { in_team: bool },
    /// See who of the team has not posted and whose day is planned past the
    /// scheduled end: the team's leaders.
    LeadTeam { is_leader: bool },
    /// The organization's 朝メール analytics, teams under the anonymity
    /// threshold hidden: its people and the consultants of a running
    /// engagement it opened its aggregates to.
    ViewDailyAnalytics { org_id: i64 },
    /// Set the organization's categories, scheduled hours and teams: its admins.
    ManageDailyPlans { org_id: i64 },
    /// Tell the organization's HR of a caregiving situation (介護の相談):
    /// its own people, for themselves.
    AskEmployer { org_id: i64 },
    /// Run a life-event card session of the organization and turn its gaps
    /// into the team's actions: its people and the consultants of its
    /// running engagements.
    RunWorkshop { org_id: i64 },
    /// Open, send out and close the organization's survey rounds (組織診断): its admins.
    ManageOrgSurvey { org_id: i64 },
    /// See the organization's survey results (through the anonymity
    /// threshold): its people and the consultants of a running engagement it
    /// opened its aggregates to.
    ViewOrgSurvey { org_id: i64 },
    /// Read an engagement's interim and final reports (the organization's
    /// figures before and after): its consultants once the organization opened
    /// its aggregates to the engagement (the report stays theirs when it ends),
    /// the organization's people, and its region's staff once the organization
    /// shares its aggregates with the region.
    ViewEngagementReport {
        engagement_id: i64,
        org_id: i64,
        region_id: i64,
        opened_to_consultants: bool,
        shared_with_region: bool,
    },
}

impl Action {
    /// The aggregates action for `org`, with its region and sharing choice.
    pub fn view_aggregates(org: &store::orgs::Organization) -> Action {
        Action::ViewOrganizationAggregates {
            org_id: org.id,
            region_id: org.region_id,
            shared_with_region: org.shares_with_region(),
        }
    }
}

/// The rules. Keep them readable: one arm per action.
pub fn allows(p: &Principal, action: &Action) -> bool {
    // The employer's own decisions and data: no role above the employer's admins.
    match action {
        Action::ViewEmployeeFigures { org_id } => {
            return p.admin_orgs().contains(org_id) || p.granted_rows(*org_id);
        }
        // A participant's worksheets and certificate: the people of the course
        // and of the participant's company, by name; no role above them.
        Action::FacilitateCourse {
            region_id,
            is_facilitator,
        } => return *is_facilitator || p.is_staff_of(Some(*region_id)),
        Action::ViewWorksheet {
            region_id,
            org_id,
            participant_user_id,
            is_facilitator,
        } => {
            return p.user_id == *participant_user_id
                || p.admin_orgs().contains(org_id)
                || *is_facilitator
                || p.is_staff_of(Some(*region_id));
        }
        Action::EditWorksheet {
            participant_user_id,
        } => return p.user_id == *participant_user_id,
        Action::ViewCertificate {
            region_id,
            org_id,
            participant_user_id,
        } => {
            return p.user_id == *participant_user_id
                || p.admin_orgs().contains(org_id)
                || p.is_staff_of(Some(*region_id));
        }
        Action::ChooseRegionSharing { org_id } => return p.admin_orgs().contains(org_id),
        Action::AnswerInquiries { org_id } => return p.admin_orgs().contains(org_id),
        Action::ChooseEngagementAccess { org_id } => return p.admin_orgs().contains(org_id),
        Action::WriteDailyPlan { org_id } => return p.member_orgs().contains(org_id),
        Action::ReadTeamDays { in_team } => return *in_team,
        Action::LeadTeam { is_leader } => return *is_leader,
        Action::ViewDailyAnalytics { org_id } => {
            return p.member_orgs().contains(org_id) || p.granted_aggregates(*org_id);
        }
        Action::ManageDailyPlans { org_id } => return p.admin_orgs().contains(org_id),
        Action::ManageOrgSurvey { org_id } => return p.admin_orgs().contains(org_id),
        Action::AskEmployer { org_id } => return p.member_orgs().contains(org_id),
        Action::RunWorkshop { org_id } => {
            return p.member_orgs().contains(org_id)
                || p.consulting
                    .iter()
                    .any(|x| x.org_id == *org_id && x.running);
        }
        Action::ViewOrgSurvey { org_id } => {
            return p.member_orgs().contains(org_id) || p.granted_aggregates(*org_id);
        }
        _ => {}
    }
    if p.is_platform_admin() {
        return true;
    }
    match action {
        Action::SignedIn => true,
        Action::AdministerPlatform => false,
        Action::OpenReviewQueue => !p.staff_regions().is_empty(),
        Action::ReviewSigning { region_id } => p.is_staff_of(*region_id),
        Action::CreateOrganization { region_id } => p.is_staff_of(*region_id),
        Action::ViewOrganization { org_id, region_id } => {
            p.member_orgs().contains(org_id) || p.is_staff_of(*region_id)
        }
        Action::EditOrganization { org_id, region_id } => {
            p.admin_orgs().contains(org_id) || p.is_staff_of(*region_id)
        }
        Action::DeclareForOrganization { org_id } => p.admin_orgs().contains(org_id),
        Action::InviteToOrganization { region_id, .. } => p.is_staff_of(*region_id),
        Action::EditRegion { region_id } => p.is_staff_of(Some(*region_id)),
        Action::OpenEventDesk => !p.staff_regions().is_empty(),
        Action::ManageEvents { region_id } => p.is_staff_of(Some(*region_id)),
        Action::WriteNews => !p.staff_regions().is_empty(),
        Action::ManageNews { region_id } => p.is_staff_of(Some(*region_id)),
        Action::WriteStories => !p.admin_orgs().is_empty() || !p.staff_regions().is_empty(),
        Action::EditStory {
            org_id: Some(org_id),
            ..
        } => p.admin_orgs().contains(org_id),
        Action::EditStory {
            org_id: None,
            region_id,
        } => p.is_staff_of(Some(*region_id)),
        Action::OpenProgramView => !p.staff_regions().is_empty(),
        Action::ViewProgram { region_id } => p.is_staff_of(Some(*region_id)),
        Action::ManageCourses { region_id } => p.is_staff_of(Some(*region_id)),
        Action::OpenMismatch => !p.staff_regions().is_empty(),
        Action::ViewMismatch { region_id } | Action::ManageSurveys { region_id } => {
            p.is_staff_of(Some(*region_id))
        }
        Action::ViewCourse {
            region_id,
            is_facilitator,
            is_participant,
        } => *is_facilitator || *is_participant || p.is_staff_of(Some(*region_id)),
        Action::ViewOrganizationAggregates {
            org_id,
            region_id,
            shared_with_region,
        } => {
            p.member_orgs().contains(org_id)
                || (*shared_with_region && p.is_staff_of(*region_id))
                || p.granted_aggregates(*org_id)
        }
        Action::ListEngagements => true,
        Action::CreateEngagement { region_id } => p.is_staff_of(Some(*region_id)),
        Action::ViewEngagement {
            engagement_id,
            org_id,
            region_id,
        } => {
            p.consults_on(*engagement_id)
                || p.member_orgs().contains(org_id)
                || p.is_staff_of(Some(*region_id))
        }
        Action::ReadEngagementRecords {
            engagement_id,
            org_id,
        } => p.consults_on(*engagement_id) || p.member_orgs().contains(org_id),
        Action::WorkOnEngagement {
            engagement_id,
            org_id,
        } => p.consults_on(*engagement_id) || p.admin_orgs().contains(org_id),
        Action::ManageEngagement {
            engagement_id,
            region_id,
        } => p.consults_on(*engagement_id) || p.is_staff_of(Some(*region_id)),
        Action::ViewEngagementReport {
            engagement_id,
            org_id,
            region_id,
            opened_to_consultants,
            shared_with_region,
        } => {
            (*opened_to_consultants && p.consults_on(*engagement_id))
                || p.member_orgs().contains(org_id)
                || (*shared_with_region && p.is_staff_of(Some(*region_id)))
        }
        Action::ViewEmployeeFigures { .. }
        | Action::AnswerInquiries { .. }
        | Action::ChooseRegionSharing { .. }
        | Action::ChooseEngagementAccess { .. }
        | Action::FacilitateCourse { .. }
        | Action::ViewWorksheet { .. }
        | Action::EditWorksheet { .. }
        | Action::ViewCertificate { .. }
        | Action::WriteDailyPlan { .. }
        | Action::ReadTeamDays { .. }
        | Action::LeadTeam { .. }
        | Action::ViewDailyAnalytics { .. }
        | Action::ManageDailyPlans { .. }
        | Action::ManageOrgSurvey { .. }
        | Action::RunWorkshop { .. }
        | Action::AskEmployer { .. }
        | Action::ViewOrgSurvey { .. } => false,
    }
}

/// Whether the user may know that an organization exists (may see its own
/// pages). Refusals to anyone else answer as if it did not exist.
pub fn may_know_of(p: &Principal, org_id: i64, region_id: Option<i64>) -> bool {
    allows(p, &Action::ViewOrganization { org_id, region_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(roles: &[(&str, Option<i64>, Option<i64>)]) -> Principal {
        Principal {
            user_id: 1,
            email: "x@example.jp".into(),
            display_name: "x".into(),
            roles: roles
                .iter()
                .enumerate()
                .map(|(i, (role, region_id, org_id))| RoleAssignment {
                    id: i as i64,
                    user_id: 1,
                    role: role.to_string(),
                    region_id: *region_id,
                    org_id: *org_id,
                })
                .collect(),
            consulting: Vec::new(),
        }
    }

    #[test]
    fn org_admin_acts_only_for_their_own_organization() {
        let p = principal(&[("org_admin", None, Some(10))]);
        assert!(allows(&p, &Action::DeclareForOrganization { org_id: 10 }));
        assert!(!allows(&p, &Action::DeclareForOrganization { org_id: 11 }));
        assert!(allows(
            &p,
            &Action::EditOrganization {
                org_id: 10,
                region_id: Some(1)
            }
        ));
        assert!(!allows(
            &p,
            &Action::EditOrganization {
                org_id: 11,
                region_id: Some(1)
            }
        ));
        assert!(!allows(&p, &Action::OpenReviewQueue));
        assert!(!allows(&p, &Action::AdministerPlatform));
    }

    #[test]
    fn org_member_sees_but_does_not_declare() {
        let p = principal(&[("org_member", None, Some(10))]);
        assert!(allows(
            &p,
            &Action::ViewOrganization {
                org_id: 10,
                region_id: None
            }
        ));
        assert!(!allows(&p, &Action::DeclareForOrganization { org_id: 10 }));
        assert!(!allows(
            &p,
            &Action::EditOrganization {
                org_id: 10,
                region_id: None
            }
        ));
    }

    #[test]
    fn region_staff_reviews_only_their_region() {
        let p = principal(&[("region_staff", Some(1), None)]);
        assert!(allows(&p, &Action::ReviewSigning { region_id: Some(1) }));
        assert!(!allows(&p, &Action::ReviewSigning { region_id: Some(2) }));
        assert!(!allows(&p, &Action::ReviewSigning { region_id: None }));
        assert!(allows(&p, &Action::OpenReviewQueue));
        assert!(allows(
            &p,
            &Action::ViewOrganization {
                org_id: 99,
                region_id: Some(1)
            }
        ));
        assert!(!allows(&p, &Action::DeclareForOrganization { org_id: 99 }));
    }

    #[test]
    fn region_staff_invite_into_their_regions_organizations_only() {
        let invite = |region| Action::InviteToOrganization {
            org_id: 10,
            region_id: region,
        };
        let staff = principal(&[("region_staff", Some(1), None)]);
        assert!(allows(&staff, &invite(Some(1))));
        assert!(!allows(&staff, &invite(Some(2))));
        assert!(!allows(&staff, &invite(None)));
        for p in [
            principal(&[("org_admin", None, Some(10))]),
            principal(&[("org_member", None, Some(10))]),
            principal(&[("consultant", Some(1), None)]),
        ] {
            assert!(!allows(&p, &invite(Some(1))), "{:?}", p.roles);
        }
        assert!(allows(
            &principal(&[("platform_admin", None, None)]),
            &invite(None)
        ));
    }

    #[test]
    fn region_staff_edit_their_own_region_only() {
        let staff = principal(&[("region_staff", Some(1), None)]);
        assert!(allows(&staff, &Action::EditRegion { region_id: 1 }));
        assert!(!allows(&staff, &Action::EditRegion { region_id: 2 }));
        let consultant = principal(&[("consultant", Some(1), None)]);
        assert!(!allows(&consultant, &Action::EditRegion { region_id: 1 }));
    }

    #[test]
    fn consultant_has_no_org_rights_yet() {
        let p = principal(&[("consultant", Some(1), None)]);
        assert!(allows(&p, &Action::SignedIn));
        assert!(!allows(
            &p,
            &Action::ViewOrganization {
                org_id: 1,
                region_id: Some(1)
            }
        ));
        assert!(!allows(&p, &Action::OpenReviewQueue));
    }

    #[test]
    fn per_employee_rows_are_for_the_employers_admins_alone() {
        let hr = principal(&[("org_admin", None, Some(10))]);
        let member = principal(&[("org_member", None, Some(10))]);
        let staff = principal(&[("region_staff", Some(1), None)]);
        let consultant = principal(&[("consultant", Some(1), None)]);
        let admin = principal(&[("platform_admin", None, None)]);
        let other_hr = principal(&[("org_admin", None, Some(11))]);
        let rows = Action::ViewEmployeeFigures { org_id: 10 };
        assert!(allows(&hr, &rows));
        for p in [&member, &staff, &consultant, &admin, &other_hr] {
            assert!(!allows(p, &rows), "{:?}", p.roles);
        }
        let sharing = Action::ChooseRegionSharing { org_id: 10 };
        assert!(allows(&hr, &sharing));
        assert!(!allows(&admin, &sharing) && !allows(&staff, &sharing));
    }

    #[test]
    fn region_staff_see_aggregates_only_when_shared() {
        let agg = |shared| Action::ViewOrganizationAggregates {
            org_id: 10,
            region_id: Some(1),
            shared_with_region: shared,
        };
        let staff = principal(&[("region_staff", Some(1), None)]);
        let elsewhere = principal(&[("region_staff", Some(2), None)]);
        let consultant = principal(&[("consultant", Some(1), None)]);
        let member = principal(&[("org_member", None, Some(10))]);
        assert!(!allows(&staff, &agg(false)));
        assert!(allows(&staff, &agg(true)));
        assert!(!allows(&elsewhere, &agg(true)));
        assert!(!allows(&consultant, &agg(true)), "never by role alone");
        assert!(allows(&member, &agg(false)));
        assert!(!allows(
            &principal(&[("org_member", None, Some(11))]),
            &agg(true)
        ));
    }

    #[test]
    fn worksheets_are_for_the_participant_their_admins_facilitators_and_staff() {
        let view = |is_facilitator| Action::ViewWorksheet {
            region_id: 1,
            org_id: 10,
            participant_user_id: 7,
            is_facilitator,
        };
        let mut participant = principal(&[("org_member", None, Some(10))]);
        participant.user_id = 7;
        let mut colleague = principal(&[("org_member", None, Some(10))]);
        colleague.user_id = 2;
        let hr = principal(&[("org_admin", None, Some(10))]);
        let staff = principal(&[("region_staff", Some(1), None)]);
        let elsewhere = principal(&[("region_staff", Some(2), None)]);
        let consultant = principal(&[("consultant", Some(1), None)]);
        let admin = principal(&[("platform_admin", None, None)]);
        for p in [&participant, &hr, &staff] {
            assert!(allows(p, &view(false)), "{:?}", p.roles);
        }
        for p in [&colleague, &elsewhere, &consultant, &admin] {
            assert!(!allows(p, &view(false)), "{:?}", p.roles);
        }
        assert!(allows(&consultant, &view(true)), "a named facilitator");
        let edit = Action::EditWorksheet {
            participant_user_id: 7,
        };
        assert!(allows(&participant, &edit));
        assert!(!allows(&hr, &edit) && !allows(&staff, &edit) && !allows(&admin, &edit));
        let cert = Action::ViewCertificate {
            region_id: 1,
            org_id: 10,
            participant_user_id: 7,
        };
        assert!(allows(&participant, &cert) && allows(&hr, &cert) && allows(&staff, &cert));
        assert!(!allows(&colleague, &cert) && !allows(&consultant, &cert));
        let manage = Action::ManageCourses { region_id: 1 };
        assert!(allows(&staff, &manage) && allows(&admin, &manage));
        assert!(!allows(&elsewhere, &manage) && !allows(&consultant, &manage));
    }

    #[test]
    fn platform_admin_may_do_everything() {
        let p = principal(&[("platform_admin", None, None)]);
        assert!(allows(&p, &Action::AdministerPlatform));
        assert!(allows(&p, &Action::ReviewSigning { region_id: None }));
        assert!(allows(&p, &Action::DeclareForOrganization { org_id: 5 }));
    }

    fn consulting(org_id: i64, running: bool, aggregates: bool, rows: bool) -> Consulting {
        Consulting {
            engagement_id: 7,
            org_id,
            region_id: 1,
            running,
            aggregates,
            rows,
        }
    }

    #[test]
    fn consultants_see_what_a_running_engagement_opens() {
        let agg = |org_id| Action::ViewOrganizationAggregates {
            org_id,
            region_id: Some(1),
            shared_with_region: false,
        };
        let rows = Action::ViewEmployeeFigures { org_id: 10 };
        let mut p = principal(&[("consultant", Some(1), None)]);
        p.consulting = vec![consulting(10, true, false, false)];
        assert!(!allows(&p, &agg(10)) && !allows(&p, &rows));
        p.consulting = vec![consulting(10, true, true, false)];
        assert!(allows(&p, &agg(10)) && !allows(&p, &rows));
        assert!(!allows(&p, &agg(11)), "another organization stays closed");
        p.consulting = vec![consulting(10, true, true, true)];
        assert!(allows(&p, &agg(10)) && allows(&p, &rows));
        p.consulting = vec![consulting(10, false, true, true)];
        assert!(!allows(&p, &agg(10)) && !allows(&p, &rows), "ended");
        // The consultant never decides for the organization.
        assert!(!allows(&p, &Action::ChooseEngagementAccess { org_id: 10 }));
        assert!(!allows(
            &p,
            &Action::ViewOrganization {
                org_id: 10,
                region_id: Some(1)
            }
        ));
    }

    #[test]
    fn engagements_are_seen_by_their_parties_alone() {
        let view = Action::ViewEngagement {
            engagement_id: 7,
            org_id: 10,
            region_id: 1,
        };
        let work = Action::WorkOnEngagement {
            engagement_id: 7,
            org_id: 10,
        };
        let mut on_it = principal(&[("consultant", Some(1), None)]);
        on_it.consulting = vec![consulting(10, false, false, false)];
        let other_consultant = principal(&[("consultant", Some(1), None)]);
        let staff = principal(&[("region_staff", Some(1), None)]);
        let hr = principal(&[("org_admin", None, Some(10))]);
        let member = principal(&[("org_member", None, Some(10))]);
        let elsewhere = principal(&[("region_staff", Some(2), None)]);
        for p in [&on_it, &staff, &hr, &member] {
            assert!(allows(p, &view), "{:?}", p.roles);
        }
        for p in [&other_consultant, &elsewhere] {
            assert!(!allows(p, &view), "{:?}", p.roles);
        }
        assert!(allows(&on_it, &work) && allows(&hr, &work));
        assert!(!allows(&staff, &work) && !allows(&member, &work));
        assert!(allows(&staff, &Action::CreateEngagement { region_id: 1 }));
        assert!(!allows(&on_it, &Action::CreateEngagement { region_id: 1 }));
        assert!(!allows(
            &elsewhere,
            &Action::CreateEngagement { region_id: 1 }
        ));
        let access = Action::ChooseEngagementAccess { org_id: 10 };
        assert!(allows(&hr, &access));
        let admin = principal(&[("platform_admin", None, None)]);
        assert!(!allows(&admin, &access) && !allows(&staff, &access));
    }
}
