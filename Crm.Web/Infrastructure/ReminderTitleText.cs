using Crm.Domain.Common;
using Microsoft.Extensions.Localization;

namespace Crm.Web.Infrastructure;

/// <summary>
/// A reminder's title in the reader's language: the resource of its key with its arguments when the system
/// wrote it, else the stored title (written by a user, or older than keys, or a key this version lacks).
/// </summary>
public static class ReminderTitleText
{
    public static string ReminderTitle(this IStringLocalizer l, string title, string? titleKey, string? titleArgs)
    {
        if (string.IsNullOrEmpty(titleKey))
            return title;
        try
        {
            var text = l[titleKey, Reminder.ArgumentsOf(titleArgs).Cast<object>().ToArray()];
            return text.ResourceNotFound ? title : text.Value;
        }
        catch (FormatException)
        {
            // Fewer arguments than the text of this version asks for: the stored title still reads right.
            return title;
        }
    }
}
