using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CustomerListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_OrgUnitId_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_OwnerId_Id",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OrgUnitId_Id_Status_LevelId_RegionId_IndustryId",
                table: "Customers",
                columns: new[] { "OrgUnitId", "Id", "Status", "LevelId", "RegionId", "IndustryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OwnerId_Id_Status_LevelId_RegionId_IndustryId",
                table: "Customers",
                columns: new[] { "OwnerId", "Id", "Status", "LevelId", "RegionId", "IndustryId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_OrgUnitId_Id_Status_LevelId_RegionId_IndustryId",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_OwnerId_Id_Status_LevelId_RegionId_IndustryId",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OrgUnitId_Id",
                table: "Customers",
                columns: new[] { "OrgUnitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OwnerId_Id",
                table: "Customers",
                columns: new[] { "OwnerId", "Id" });
        }
    }
}
