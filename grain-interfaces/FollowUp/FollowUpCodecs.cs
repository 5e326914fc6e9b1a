using CrmActors.FollowUp;

// The follow-up library is plain C#; its enums cross the wire and sit in grain state, so their codecs are generated here.
[assembly: GenerateCodeForDeclaringAssembly(typeof(FunnelStage))]
