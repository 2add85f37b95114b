using Crm.Domain.Common;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Crm.Web.Infrastructure;

/// <summary>
/// Turns refusals from the domain and from Identity into messages a user can act on. A
/// <see cref="DomainException"/>'s code is its resource key; lists of referencing records are named in
/// the user's language ("用户 3、客户 12").
/// </summary>
public static class DomainErrors
{
    public static string Message(this IStringLocalizer l, DomainException error)
    {
        var arguments = error.Arguments.Select(a => a switch
        {
            IEnumerable<Reference> references => string.Join(l["Common.ListSeparator"], references.Select(r => $"{EntityName(l, r.EntityType)} {r.Count}")),
            Enum value => EnumName(l, value),
            _ => a,
        }).ToArray();
        var text = l[error.Code, arguments];
        return text.ResourceNotFound ? l["Error.Rule", error.Code] : text.Value;
    }

    public static string EntityName(IStringLocalizer l, string entityType)
    {
        var name = l["Entity." + entityType];
        return name.ResourceNotFound ? entityType : name.Value;
    }

    /// <summary>An enum argument (e.g. an <c>OrgUnitKind</c>) by its resource "{Type}.{Value}" when there is one.</summary>
    private static string EnumName(IStringLocalizer l, Enum value)
    {
        var name = l[$"{value.GetType().Name}.{value}"];
        return name.ResourceNotFound ? value.ToString() : name.Value;
    }

    /// <summary>Adds the refusal to the model state: Identity errors under the field they concern when given.</summary>
    public static void AddError(this ModelStateDictionary modelState, IStringLocalizer l, Exception error, string? field = null)
    {
        switch (error)
        {
            case DomainException domain:
                modelState.AddModelError(field ?? string.Empty, l.Message(domain));
                break;
            case IdentityOperationException identity:
                foreach (var e in identity.Errors)
                    modelState.AddModelError(field ?? string.Empty, e.Description);
                break;
            case DbUpdateConcurrencyException:
                modelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
                break;
            default:
                throw error;
        }
    }

    /// <summary>Whether the exception is a refusal to show the user rather than a fault.</summary>
    public static bool IsRefusal(Exception error) =>
        error is DomainException or IdentityOperationException or DbUpdateConcurrencyException;
}
