namespace Crm.Domain.Customers;

public enum CustomerType
{
    Company,
    Person,
}

/// <summary>SPEC §2.2: a prospect until a first order or a won opportunity; churn is a warning first, confirmed by a manager.</summary>
public enum CustomerStatus
{
    Prospect,
    Active,
    ChurnWarning,
    Churned,
    Archived,
}

public enum PoolEventKind
{
    /// <summary>A salesperson took a customer from the pool.</summary>
    Claim,

    /// <summary>The owner put the customer back into the pool.</summary>
    Release,

    /// <summary>A rule returned the customer to the pool (no interaction / no order for too long).</summary>
    Recycle,

    /// <summary>A manager gave the customer to a salesperson (from the pool or from another owner).</summary>
    Assign,
}
