namespace Crm.Domain.Customers;

/// <summary>
/// A record that belongs to one customer (contact, interaction, feedback, task). It is visible exactly
/// when its customer is: the persistence layer filters it through the customer's data scope.
/// </summary>
public interface ICustomerOwned
{
    int CustomerId { get; }
}
