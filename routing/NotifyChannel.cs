namespace CrmActors.Routing;

/// <summary>A channel on which the assignee is alerted; sending is the caller's job.</summary>
public enum NotifyChannel
{
    /// <summary>The rep's inbox in the product.</summary>
    InApp = 0,

    /// <summary>Text message.</summary>
    Sms = 1,

    /// <summary>DingTalk work notification.</summary>
    DingTalk = 2,

    /// <summary>WeCom (WeChat Work) message.</summary>
    WeCom = 3,

    /// <summary>E-mail.</summary>
    Email = 4,
}
