using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Tests.Support;

/// <summary>
/// Records every command EF sends, tagged with the request (path and query) it ran for, so that a test can
/// count the database round trips of one page. Statements outside a request (seeding, the test's own
/// arrangements) carry no tag.
/// </summary>
public sealed class StatementCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    private readonly ConcurrentQueue<(string? Request, string Sql)> _commands = new();

    public IReadOnlyList<string> For(string pathAndQuery) =>
        _commands.Where(c => c.Request == pathAndQuery).Select(c => c.Sql).ToList();

    public void Clear() => _commands.Clear();

    private void Record(DbCommand command)
    {
        var request = http.HttpContext?.Request;
        _commands.Enqueue((request is null ? null : $"{request.Path}{request.QueryString}", command.CommandText));
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
