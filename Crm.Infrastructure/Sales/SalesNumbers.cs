using Crm.Infrastructure.Persistence;

namespace Crm.Infrastructure.Sales;

/// <summary>Numbers of sales documents: BJ (报价) for quotes, DD (订单) for orders, TH (退货) for returns, from their own sequences.</summary>
public sealed class SalesNumbers(CodeGenerator codes)
{
    public async Task<string> NextQuoteAsync(CancellationToken cancellationToken = default) =>
        CodeGenerator.Format("BJ", await codes.ReserveAsync("Quote", 1, cancellationToken));

    public async Task<string> NextOrderAsync(CancellationToken cancellationToken = default) =>
        CodeGenerator.Format("DD", await codes.ReserveAsync("Order", 1, cancellationToken));

    public async Task<string> NextReturnAsync(CancellationToken cancellationToken = default) =>
        CodeGenerator.Format("TH", await codes.ReserveAsync("Return", 1, cancellationToken));
}
