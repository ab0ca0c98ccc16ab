-- The certifications a workplace profile says its organization holds
-- (取得している認定, issue 12): the codes of domain::workplace::HeldCertification
-- separated by spaces, like `measures`, stated by the employer and reviewed
-- with the rest of the profile.
ALTER TABLE workplace_profiles ADD COLUMN certifications TEXT NOT NULL DEFAULT '';
ALTER TABLE workplace_profile_proposals ADD COLUMN certifications TEXT NOT NULL DEFAULT '';
