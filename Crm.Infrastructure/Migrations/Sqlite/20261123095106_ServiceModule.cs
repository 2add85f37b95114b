using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceModule : Migration
    {
        /// <inheritdoc />
        /// <remarks>The existing settings row gets the default renewal lead time of 30 days.</remarks>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContractRenewalReminderDays",
                table: "SystemSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.CreateTable(
                name: "KnowledgeArticles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AnswerHtml = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    ViewCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeArticles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnowledgeArticles_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QualityComplaints",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", unicode: false, maxLength: 20, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: true),
                    FeedbackDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProjectName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProjectQuantity = table.Column<int>(type: "INTEGER", nullable: true),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProblemFoundDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProblemQuantity = table.Column<int>(type: "INTEGER", nullable: true),
                    UrgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Site = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    InitialIntent = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AppraisalOpinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    HandlerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HandlingResult = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityComplaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityComplaints_AspNetUsers_HandlerId",
                        column: x => x.HandlerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityComplaints_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityComplaints_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityComplaints_DictionaryItems_UrgencyId",
                        column: x => x.UrgencyId,
                        principalTable: "DictionaryItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityComplaints_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceContracts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", unicode: false, maxLength: 20, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CaseAllowance = table.Column<int>(type: "INTEGER", nullable: true),
                    CasesUsed = table.Column<int>(type: "INTEGER", nullable: false),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RenewalReminderSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceContracts", x => x.Id);
                    table.CheckConstraint("CK_ServiceContracts_Cases", "\"CaseAllowance\" IS NULL OR \"CasesUsed\" <= \"CaseAllowance\"");
                    table.ForeignKey(
                        name: "FK_ServiceContracts_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceContractProducts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceContractId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceContractProducts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceContractProducts_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceContractProducts_ServiceContracts_ServiceContractId",
                        column: x => x.ServiceContractId,
                        principalTable: "ServiceContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", unicode: false, maxLength: 20, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: true),
                    TypeId = table.Column<int>(type: "INTEGER", nullable: false),
                    PriorityId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    ContractId = table.Column<int>(type: "INTEGER", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    HandlerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Handling = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    MinutesSpent = table.Column<int>(type: "INTEGER", nullable: true),
                    HandledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FeedbackResult = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    FeedbackAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRequests", x => x.Id);
                    table.CheckConstraint("CK_ServiceRequests_Satisfaction", "\"Satisfaction\" IS NULL OR (\"Satisfaction\" >= 1 AND \"Satisfaction\" <= 5)");
                    table.ForeignKey(
                        name: "FK_ServiceRequests_AspNetUsers_CreatorId",
                        column: x => x.CreatorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_AspNetUsers_HandlerId",
                        column: x => x.HandlerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_DictionaryItems_PriorityId",
                        column: x => x.PriorityId,
                        principalTable: "DictionaryItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_DictionaryItems_TypeId",
                        column: x => x.TypeId,
                        principalTable: "DictionaryItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequests_ServiceContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "ServiceContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReturnVisits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: true),
                    ServiceRequestId = table.Column<int>(type: "INTEGER", nullable: true),
                    VisitorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlannedDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ActualDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MethodId = table.Column<int>(type: "INTEGER", nullable: true),
                    Content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProductPriceScore = table.Column<int>(type: "INTEGER", nullable: true),
                    ServiceAttitudeScore = table.Column<int>(type: "INTEGER", nullable: true),
                    ServicePriceScore = table.Column<int>(type: "INTEGER", nullable: true),
                    TimelinessScore = table.Column<int>(type: "INTEGER", nullable: true),
                    ProductQualityScore = table.Column<int>(type: "INTEGER", nullable: true),
                    QualityImprovementScore = table.Column<int>(type: "INTEGER", nullable: true),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnVisits_AspNetUsers_VisitorId",
                        column: x => x.VisitorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReturnVisits_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReturnVisits_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReturnVisits_DictionaryItems_MethodId",
                        column: x => x.MethodId,
                        principalTable: "DictionaryItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReturnVisits_ServiceRequests_ServiceRequestId",
                        column: x => x.ServiceRequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRequestArticles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRequestArticles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRequestArticles_KnowledgeArticles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "KnowledgeArticles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequestArticles_ServiceRequests_ServiceRequestId",
                        column: x => x.ServiceRequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRequestEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRequestEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRequestEvents_AspNetUsers_ByUserId",
                        column: x => x.ByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceRequestEvents_ServiceRequests_ServiceRequestId",
                        column: x => x.ServiceRequestId,
                        principalTable: "ServiceRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeArticles_ProductId_Title",
                table: "KnowledgeArticles",
                columns: new[] { "ProductId", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeArticles_Title",
                table: "KnowledgeArticles",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_QualityComplaints_ContactId",
                table: "QualityComplaints",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityComplaints_CustomerId_FeedbackDate",
                table: "QualityComplaints",
                columns: new[] { "CustomerId", "FeedbackDate" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityComplaints_FeedbackDate_Id",
                table: "QualityComplaints",
                columns: new[] { "FeedbackDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityComplaints_HandlerId",
                table: "QualityComplaints",
                column: "HandlerId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityComplaints_Number",
                table: "QualityComplaints",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityComplaints_ProductId_FeedbackDate",
                table: "QualityComplaints",
                columns: new[] { "ProductId", "FeedbackDate" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityComplaints_Status_FeedbackDate",
                table: "QualityComplaints",
                columns: new[] { "Status", "FeedbackDate" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityComplaints_UrgencyId",
                table: "QualityComplaints",
                column: "UrgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_ContactId",
                table: "ReturnVisits",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_CustomerId_PlannedDate",
                table: "ReturnVisits",
                columns: new[] { "CustomerId", "PlannedDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_MethodId",
                table: "ReturnVisits",
                column: "MethodId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_PlannedDate_Id",
                table: "ReturnVisits",
                columns: new[] { "PlannedDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_ServiceRequestId",
                table: "ReturnVisits",
                column: "ServiceRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_VisitorId_Status_PlannedDate",
                table: "ReturnVisits",
                columns: new[] { "VisitorId", "Status", "PlannedDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceContractProducts_ProductId",
                table: "ServiceContractProducts",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceContractProducts_ServiceContractId_ProductId",
                table: "ServiceContractProducts",
                columns: new[] { "ServiceContractId", "ProductId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceContracts_CustomerId_EndDate",
                table: "ServiceContracts",
                columns: new[] { "CustomerId", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceContracts_EndDate_Id",
                table: "ServiceContracts",
                columns: new[] { "EndDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceContracts_Number",
                table: "ServiceContracts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequestArticles_ArticleId",
                table: "ServiceRequestArticles",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequestArticles_ServiceRequestId_ArticleId",
                table: "ServiceRequestArticles",
                columns: new[] { "ServiceRequestId", "ArticleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequestEvents_ByUserId",
                table: "ServiceRequestEvents",
                column: "ByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequestEvents_ServiceRequestId_At",
                table: "ServiceRequestEvents",
                columns: new[] { "ServiceRequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_ContactId",
                table: "ServiceRequests",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_ContractId",
                table: "ServiceRequests",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CreatorId_Id",
                table: "ServiceRequests",
                columns: new[] { "CreatorId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_CustomerId_ReceivedAt",
                table: "ServiceRequests",
                columns: new[] { "CustomerId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_HandlerId_Status",
                table: "ServiceRequests",
                columns: new[] { "HandlerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_Number",
                table: "ServiceRequests",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_OrgUnitId_Id",
                table: "ServiceRequests",
                columns: new[] { "OrgUnitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_OwnerId_Id",
                table: "ServiceRequests",
                columns: new[] { "OwnerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_PriorityId",
                table: "ServiceRequests",
                column: "PriorityId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_ProductId",
                table: "ServiceRequests",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_ReceivedAt_Id",
                table: "ServiceRequests",
                columns: new[] { "ReceivedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_Status_DueAt",
                table: "ServiceRequests",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_TypeId",
                table: "ServiceRequests",
                column: "TypeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QualityComplaints");

            migrationBuilder.DropTable(
                name: "ReturnVisits");

            migrationBuilder.DropTable(
                name: "ServiceContractProducts");

            migrationBuilder.DropTable(
                name: "ServiceRequestArticles");

            migrationBuilder.DropTable(
                name: "ServiceRequestEvents");

            migrationBuilder.DropTable(
                name: "KnowledgeArticles");

            migrationBuilder.DropTable(
                name: "ServiceRequests");

            migrationBuilder.DropTable(
                name: "ServiceContracts");

            migrationBuilder.DropColumn(
                name: "ContractRenewalReminderDays",
                table: "SystemSettings");
        }
    }
}
