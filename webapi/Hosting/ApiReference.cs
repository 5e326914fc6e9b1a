using Scalar.AspNetCore;

namespace CrmActors.WebApi.Hosting;

/// <summary>
/// The API reference page (Scalar, /scalar/v1) as a self-hosted product serves it: the page and its script come from
/// this web API, requests made from it go straight to this web API, and nothing offers or calls the vendor's hosted
/// services.
/// </summary>
public static class ApiReference
{
    /// <summary>Configures the page.</summary>
    public static void Configure(ScalarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.WithTitle("CrmActors API")
            // The toolbar the page shows on localhost (where everyone first runs us) offers sharing, deploying and SDK
            // generation on the vendor's platform.
            .HideDeveloperTools()
            // "Open API Client" links to the vendor's hosted client with our document's address.
            .HideClientButton()
            // The AI chat and the MCP buttons are the vendor's hosted services.
            .DisableAgent()
            .DisableMcp()
            // The vendor counts requests sent from the page unless told not to.
            .DisableTelemetry()
            // The default fonts come from the vendor's font CDN; the page uses the system's fonts instead.
            .DisableDefaultFonts();

        // No proxy URL is set on purpose: the page's "Test Request" then sends the request itself, straight to this
        // API, rather than through the vendor's hosted proxy.
    }
}
