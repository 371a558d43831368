/**
 * The report's data: immutable records, rendered by the template and written as {@code report-data.json} (schema
 * version {@link io.shmlane.reports.model.ReportData#SCHEMA_VERSION}) so that a later run can compare with it.
 */
package io.shmlane.reports.model;
