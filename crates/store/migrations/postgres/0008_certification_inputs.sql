-- Certification readiness and disclosure inputs (issue 4).

-- Figures an employer supplies beyond attendance: one row per organization,
-- fiscal year and kind ("recruitment" | "wages" | "career"). data_json is the
-- kpi crate's YearExtras with only that kind filled. Aggregates only.
CREATE TABLE org_year_extras (
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    fiscal_year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    data_json TEXT NOT NULL,
    file_name TEXT NOT NULL,
    created_by BIGINT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, fiscal_year, kind)
);

-- Yes/no facts erabareru cannot compute (kpi::Facts ids). A fact without a row
-- is not answered. answer: 1 yes, 0 no.
CREATE TABLE certification_facts (
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    fact TEXT NOT NULL,
    answer BIGINT NOT NULL,
    note TEXT NOT NULL,
    updated_by BIGINT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (org_id, fact)
);

-- Published industry averages えるぼし compares against, typed in by an
-- administrator (percent × 10). industry: 日本標準産業分類 大分類 code.
CREATE TABLE industry_averages (
    industry TEXT NOT NULL,
    fiscal_year BIGINT NOT NULL,
    regular_women_tenths BIGINT,
    women_managers_tenths BIGINT,
    source TEXT NOT NULL,
    updated_by BIGINT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (industry, fiscal_year)
);
