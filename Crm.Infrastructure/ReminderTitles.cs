using System.Globalization;
using Crm.Domain.Common;

namespace Crm.Infrastructure;

/// <summary>
/// The titles of the reminders the system writes, one per resource key. Each keeps the zh-CN text of its key
/// (a test compares them with the zh-CN resources), so the stored title reads the same as before keys existed;
/// the pages render the key in the reader's language. Arguments are names, numbers and dates only: a system
/// text that varies (an approval's outcome, a recycle reason) is a key of its own.
/// </summary>
public static class ReminderTitles
{
    /// <summary>Every key with its zh-CN text.</summary>
    public static IReadOnlyDictionary<string, string> ChineseFormats { get; } = new Dictionary<string, string>
    {
        [ApprovalApprovedKey] = "审批已批准：{0}",
        [ApprovalApprovedWithCommentKey] = "审批已批准：{0} — {1}",
        [ApprovalRejectedKey] = "审批已驳回：{0}",
        [ApprovalRejectedWithCommentKey] = "审批已驳回：{0} — {1}",
        [ChurnWarningKey] = "流失预警：{0} 已 {1} 个月无订单",
        [PoolRecycledByDaysKey] = "客户 {0} 已被收回公海：{1} 天无交往记录",
        [PoolRecycledByMonthsKey] = "客户 {0} 已被收回公海：{1} 个月无订单",
        [PoolRecycledByBothKey] = "客户 {0} 已被收回公海：{1} 天无交往记录；{2} 个月无订单",
        [CustomerTaskKey] = "{0} · {1}",
        [OpportunityAssignedKey] = "新指派的销售机会：{0}",
        [OpportunityPlanStepKey] = "开发计划：{0} — {1}",
        [ServiceRequestAssignedKey] = "新分配的服务请求 {0}：{1}",
        [ServiceRequestUnsatisfiedKey] = "服务请求 {0} 客户不满意，需重新处理",
        [ReturnVisitKey] = "客户回访：{0}",
        [ReturnVisitOfRequestKey] = "客户回访：{0}（服务请求 {1}）",
        [ContractRenewalKey] = "服务合同续签：{0} 的合同 {1} 将于 {2} 到期",
    };

    private const string ApprovalApprovedKey = "Reminders.Title.ApprovalApproved";
    private const string ApprovalApprovedWithCommentKey = "Reminders.Title.ApprovalApprovedWithComment";
    private const string ApprovalRejectedKey = "Reminders.Title.ApprovalRejected";
    private const string ApprovalRejectedWithCommentKey = "Reminders.Title.ApprovalRejectedWithComment";
    private const string ChurnWarningKey = "Reminders.Title.ChurnWarning";
    private const string PoolRecycledByDaysKey = "Reminders.Title.PoolRecycledByDays";
    private const string PoolRecycledByMonthsKey = "Reminders.Title.PoolRecycledByMonths";
    private const string PoolRecycledByBothKey = "Reminders.Title.PoolRecycledByBoth";
    private const string CustomerTaskKey = "Reminders.Title.CustomerTask";
    private const string OpportunityAssignedKey = "Reminders.Title.OpportunityAssigned";
    private const string OpportunityPlanStepKey = "Reminders.Title.OpportunityPlanStep";
    private const string ServiceRequestAssignedKey = "Reminders.Title.ServiceRequestAssigned";
    private const string ServiceRequestUnsatisfiedKey = "Reminders.Title.ServiceRequestUnsatisfied";
    private const string ReturnVisitKey = "Reminders.Title.ReturnVisit";
    private const string ReturnVisitOfRequestKey = "Reminders.Title.ReturnVisitOfRequest";
    private const string ContractRenewalKey = "Reminders.Title.ContractRenewal";

    /// <summary>审批已批准/已驳回, with the approver's comment when there is one (the comment is the approver's words, not translated).</summary>
    public static ReminderTitle ApprovalDecided(bool approved, string subjectNumber, string? comment) =>
        string.IsNullOrWhiteSpace(comment)
            ? Of(approved ? ApprovalApprovedKey : ApprovalRejectedKey, subjectNumber)
            : Of(approved ? ApprovalApprovedWithCommentKey : ApprovalRejectedWithCommentKey, subjectNumber, comment);

    public static ReminderTitle ChurnWarning(string customerName, int months) => Of(ChurnWarningKey, customerName, Number(months));

    /// <summary>收回公海 for no interaction in <paramref name="days"/> days, no order in <paramref name="months"/> months, or both.</summary>
    public static ReminderTitle PoolRecycled(string customerName, int? days, int? months) => (days, months) switch
    {
        ({ } d, { } m) => Of(PoolRecycledByBothKey, customerName, Number(d), Number(m)),
        ({ } d, null) => Of(PoolRecycledByDaysKey, customerName, Number(d)),
        (null, { } m) => Of(PoolRecycledByMonthsKey, customerName, Number(m)),
        _ => throw new ArgumentException("A customer is recycled for at least one reason."),
    };

    public static ReminderTitle CustomerTask(string taskTitle, string customerName) => Of(CustomerTaskKey, taskTitle, customerName);

    public static ReminderTitle OpportunityAssigned(string summary) => Of(OpportunityAssignedKey, summary);

    public static ReminderTitle OpportunityPlanStep(string summary, string content) => Of(OpportunityPlanStepKey, summary, content);

    public static ReminderTitle ServiceRequestAssigned(string number, string summary) => Of(ServiceRequestAssignedKey, number, summary);

    public static ReminderTitle ServiceRequestUnsatisfied(string number) => Of(ServiceRequestUnsatisfiedKey, number);

    public static ReminderTitle ReturnVisit(string customerName) => Of(ReturnVisitKey, customerName);

    public static ReminderTitle ReturnVisitOfRequest(string customerName, string requestNumber) => Of(ReturnVisitOfRequestKey, customerName, requestNumber);

    public static ReminderTitle ContractRenewal(string customerName, string contractNumber, DateOnly endDate) =>
        Of(ContractRenewalKey, customerName, contractNumber, endDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static ReminderTitle Of(string key, params string[] arguments) => ReminderTitle.Of(key, ChineseFormats[key], arguments);
}
