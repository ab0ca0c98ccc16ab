-- Consent before anything is public (issue 8).

-- The employer's choice to publish one figure of one fiscal year from one source
-- ("typed" | "computed" row of childcare_figures). figure_id is a figure catalog
-- id (store::publications::FIGURES). snapshot is the figures row's values when it
-- was published: if the row changes later (a new import, a retyped form), the
-- publication no longer matches and nothing is shown until it is published again.
-- A withdrawal keeps the row (withdrawn_at set), so the history stays.
-- Existing rows of childcare_figures have no publication: they start unpublished.
CREATE TABLE publications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    figure_id TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('typed', 'computed')),
    snapshot TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    withdrawn_at TEXT,
    withdrawn_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);
-- At most one live publication per figure and year.
CREATE UNIQUE INDEX publications_live ON publications(org_id, figure_id, fiscal_year)
    WHERE withdrawn_at IS NULL;

-- 男性の育児休業等取得率 by method 2 (育児休業等 and 育児目的休暇): computed rows
-- carry it; typed rows and rows from before this migration do not.
ALTER TABLE childcare_figures ADD COLUMN men_method2_takers INTEGER;
