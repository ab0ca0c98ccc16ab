-- The licence of the region's open data (domain::licence::OpenDataLicence).
ALTER TABLE regions ADD COLUMN open_data_licence TEXT NOT NULL DEFAULT 'cc-by-4.0';
