using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Tests.Support;

namespace Crm.Tests.Infrastructure;

public sealed class CodeGeneratorTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task NumbersStartAtOneAndNeverRepeatAcrossContexts()
    {
        await using var first = _db.NewContext(CurrentUser.System());
        await using var second = _db.NewContext(CurrentUser.System());

        var a = await new CodeGenerator(first).ReserveAsync("Customer");
        var b = await new CodeGenerator(second).ReserveAsync("Customer");
        var c = await new CodeGenerator(first).ReserveAsync("Customer");

        Assert.Equal([1L, 2L, 3L], [a, b, c]);
    }

    [Fact]
    public async Task ABlockReservationSkipsTheWholeBlock()
    {
        await using var context = _db.NewContext(CurrentUser.System());
        var generator = new CodeGenerator(context);

        var block = await generator.ReserveAsync("Import", 100);
        var next = await generator.ReserveAsync("Import");

        Assert.Equal(1, block);
        Assert.Equal(101, next);
    }

    [Fact]
    public async Task ConcurrentReservationsGetDistinctNumbers()
    {
        var tasks = Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var context = _db.NewContext(CurrentUser.System());
            return await new CodeGenerator(context).ReserveAsync("Busy");
        });

        var numbers = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), numbers.Order());
    }

    [Fact]
    public void CodesArePrefixedAndZeroPadded()
    {
        Assert.Equal("KH00000042", CodeGenerator.Format("KH", 42));
    }
}
