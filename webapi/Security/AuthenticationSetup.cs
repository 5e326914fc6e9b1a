using System.Text;
using CrmActors.GrainInterfaces.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace CrmActors.WebApi.Security;

/// <summary>JWT bearer authentication and the role policies of the API.</summary>
public static class AuthenticationSetup
{
    /// <summary>Any authenticated caller with a tenant, a user and a known role.</summary>
    public const string TenantMember = "tenant-member";

    /// <summary>Who may capture leads.</summary>
    public const string CaptureLeads = "capture-leads";

    /// <summary>Who may assign leads and see other reps' inboxes.</summary>
    public const string ManageLeads = "manage-leads";

    /// <summary>Who may manage the team roster.</summary>
    public const string ManageTeam = "manage-team";

    /// <summary>Who may work service tickets.</summary>
    public const string WorkTickets = "work-tickets";

    /// <summary>Edit the tenant's intake configuration (channel dictionary) and merge customers: marketing, manager, admin.</summary>
    public const string ManageIntake = "manage-intake";

    /// <summary>Tenant configuration that reaches outside the product (notification webhooks): admin only.</summary>
    public const string Administer = "administer";

    /// <summary>Whoever runs the cluster (role ops, a token of no tenant's data): the Orleans dashboard.</summary>
    public const string OperateCluster = "operate-cluster";

    /// <summary>Signed requests of another system with an integration key: the integration role only (never a token).</summary>
    public const string Integrate = "integrate";

    /// <summary>The default scheme: a request naming an integration key is checked as one, any other as a bearer token.</summary>
    private const string TokenOrKey = "token-or-key";

    /// <summary>Adds token validation and the policies.</summary>
    public static IServiceCollection AddCrmAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AuthOptions.SectionName);
        services.AddOptions<AuthOptions>()
            .Bind(section)
            .Validate(o => o.SigningKey.Length >= AuthOptions.MinimumKeyLength, $"Auth:SigningKey must be set to at least {AuthOptions.MinimumKeyLength} characters (e.g. from the CRM_JWT_SIGNING_KEY environment variable).")
            .ValidateOnStart();

        services.AddAuthentication(TokenOrKey)
            .AddPolicyScheme(TokenOrKey, "Bearer token or integration key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(Integration.IntegrationSignature.KeyHeader) ? Integration.IntegrationKeyHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, Integration.IntegrationKeyHandler>(Integration.IntegrationKeyHandler.SchemeName, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((jwt, auth) =>
            {
                var options = auth.Value;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = CrmClaimTypes.Subject,
                    RoleClaimType = CrmClaimTypes.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token ??= ClusterDashboard.TokenOf(context.Request);
                        return Task.CompletedTask;
                    },
                    OnChallenge = AuthProblems.WriteUnauthorizedAsync,
                    OnForbidden = AuthProblems.WriteForbiddenAsync,
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(TenantMember, p => p.RequireAuthenticatedUser().RequireAssertion(c => Caller.From(c.User) is not null))
            .AddPolicy(CaptureLeads, p => Member(p).RequireRole(CrmRoles.Rep, CrmRoles.Supervisor, CrmRoles.Manager, CrmRoles.Marketing, CrmRoles.Admin))
            .AddPolicy(ManageLeads, p => Member(p).RequireRole(CrmRoles.Supervisor, CrmRoles.Manager, CrmRoles.Admin))
            .AddPolicy(ManageTeam, p => Member(p).RequireRole(CrmRoles.Manager, CrmRoles.Admin))
            .AddPolicy(WorkTickets, p => Member(p).RequireRole(CrmRoles.Service, CrmRoles.Supervisor, CrmRoles.Manager, CrmRoles.Admin))
            .AddPolicy(ManageIntake, p => Member(p).RequireRole(CrmRoles.Marketing, CrmRoles.Manager, CrmRoles.Admin))
            .AddPolicy(Administer, p => Member(p).RequireRole(CrmRoles.Admin))
            .AddPolicy(OperateCluster, p => p.RequireAuthenticatedUser().RequireClaim(CrmClaimTypes.Role, CrmRoles.Ops))
            .AddPolicy(Integrate, p => p.RequireAuthenticatedUser().RequireAssertion(c => Integration.IntegrationCaller.From(c.User) is not null));
        return services;
    }

    private static AuthorizationPolicyBuilder Member(AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().RequireAssertion(c => Caller.From(c.User) is not null);
}
