using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ServiceGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Satisfaction",
                table: "ServiceRequestEvents",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RescheduleReason",
                table: "ReturnVisits",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RescheduledFrom",
                table: "ReturnVisits",
                type: "date",
                nullable: true);

            // Feedback given before this migration: the request kept its last satisfaction only; put it on its
            // last feedback event (earlier ones are lost), so averages read from the events count it as before.
            migrationBuilder.Sql(
                "UPDATE \"ServiceRequestEvents\" SET \"Satisfaction\" = (SELECT r.\"Satisfaction\" FROM \"ServiceRequests\" r WHERE r.\"Id\" = \"ServiceRequestEvents\".\"ServiceRequestId\") "
                + "WHERE \"ToStatus\" = 'FeedbackGiven' AND \"Id\" = (SELECT MAX(e2.\"Id\") FROM \"ServiceRequestEvents\" e2 "
                + "WHERE e2.\"ServiceRequestId\" = \"ServiceRequestEvents\".\"ServiceRequestId\" AND e2.\"ToStatus\" = 'FeedbackGiven')");

            migrationBuilder.AddCheckConstraint(
                name: "CK_ServiceRequestEvents_Satisfaction",
                table: "ServiceRequestEvents",
                sql: "\"Satisfaction\" IS NULL OR (\"Satisfaction\" >= 1 AND \"Satisfaction\" <= 5)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_ServiceRequestEvents_Satisfaction",
                table: "ServiceRequestEvents");

            migrationBuilder.DropColumn(
                name: "Satisfaction",
                table: "ServiceRequestEvents");

            migrationBuilder.DropColumn(
                name: "RescheduleReason",
                table: "ReturnVisits");

            migrationBuilder.DropColumn(
                name: "RescheduledFrom",
                table: "ReturnVisits");
        }
    }
}
