using System.Text.RegularExpressions;

namespace CrmActors.Conversations;

/// <summary>The words the extractor reads by: competitors, objection and next-step cues, titles, budget and need cues.</summary>
internal static partial class Lexicon
{
    /// <summary>Competitors by canonical name with the ways they are written (Latin names match whole words, any case).</summary>
    public static readonly (string Name, string[] Aliases)[] Competitors =
    [
        ("Mindray", ["迈瑞", "Mindray"]),
        ("GE", ["GE", "通用电气", "GE Healthcare"]),
        ("Siemens", ["西门子", "Siemens", "Healthineers"]),
        ("Philips", ["飞利浦", "Philips"]),
        ("SonoScape", ["开立", "SonoScape"]),
        ("United Imaging", ["联影", "United Imaging"]),
        ("Olympus", ["奥林巴斯", "Olympus"]),
        ("Fujifilm", ["富士胶片", "Fujifilm", "富士"]),
        ("Canon Medical", ["佳能医疗", "Canon Medical"]),
        ("Salesforce", ["Salesforce"]),
        ("HubSpot", ["HubSpot"]),
        ("Zoho", ["Zoho"]),
        ("Fxiaoke", ["纷享销客", "Fxiaoke"]),
        ("Neocrm", ["销售易", "Neocrm"]),
        ("Kingdee", ["金蝶", "Kingdee"]),
        ("Yonyou", ["用友", "Yonyou"]),
        ("SAP", ["SAP"]),
        ("Oracle", ["Oracle", "甲骨文"]),
        ("Microsoft Dynamics", ["Dynamics 365", "Microsoft Dynamics"]),
        ("Fanuc", ["发那科", "Fanuc"]),
        ("ABB", ["ABB"]),
        ("KUKA", ["库卡", "KUKA"]),
        ("Trumpf", ["通快", "Trumpf"]),
        ("Han's Laser", ["大族", "Han's Laser"]),
        ("Haitian", ["海天", "Haitian"]),
        ("New Oriental", ["新东方", "New Oriental"]),
        ("TAL", ["好未来"]),
    ];

    /// <summary>Objection categories with their cues, most specific first.</summary>
    public static readonly (string Category, Regex Cue)[] Objections =
    [
        ("price", PriceCue()),
        ("authority", AuthorityCue()),
        ("incumbent", IncumbentCue()),
        ("timing", TimingCue()),
        ("risk", RiskCue()),
    ];

    /// <summary>Next-step categories with their cues; when a clause names several, the first here wins.</summary>
    public static readonly (string Category, Regex Cue)[] NextSteps =
    [
        ("trial", TrialCue()),
        ("demo", DemoCue()),
        ("contract", ContractCue()),
        ("meeting", MeetingCue()),
        ("visit", VisitCue()),
        ("call", CallCue()),
        ("quote", QuoteCue()),
    ];

    /// <summary>Chinese titles a speaker's name may end in, longest first, and whether the title is a role (主任) or only courtesy (总, 女士).</summary>
    public static readonly (string Title, bool IsRole)[] ChineseTitles =
    [
        ("副院长", true), ("护士长", true), ("总经理", true), ("副总", false), ("总监", true), ("总工", true), ("主任", true),
        ("科长", true), ("院长", true), ("校长", true), ("园长", true), ("厂长", true), ("处长", true), ("局长", true),
        ("经理", true), ("主管", true), ("老板", true), ("董事长", true), ("教授", true), ("老师", false), ("医生", false),
        ("女士", false), ("小姐", false), ("先生", false), ("总", false), ("工", false),
    ];

    [GeneratedRegex(@"(?<!不)贵|价格.{0,3}(?:高|贵)|报价.{0,3}(?:高|贵)|便宜|降点|降价|超预算|超了|承担不起|承受不了|不能再多|预算只有|only have|budget is only|price is .{0,12}high|quote is .{0,12}high|expensive|pricey|pricier|cheaper|too high|high side|over budget|above that|afford|come down|out of our league|isn't cheap|not cheap|not a yuan more|can't go higher", RegexOptions.IgnoreCase)]
    private static partial Regex PriceCue();

    [GeneratedRegex(@"审批|批准|批下来|领导批|(?:要|得|需要).{0,5}批|院领导|说了不算|拍板|签字|做不了主|院长定|院务会|办公会|董事会|老板定|approv|sign off|signs off|must sign|has to sign|final call|decides|the board|committee|isn't my call|not my call", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorityCue();

    [GeneratedRegex(@"现在用的|一直用|用了很多年|在用|都是.{1,8}的|签了|框架协议|维保合同|\bwe'?re on\b|\bbeen on\b|\bwe use\b|\bruns? on\b|currently run|all our .{1,30} (?:are|from)|signed|used .{1,20} for years|everywhere", RegexOptions.IgnoreCase)]
    private static partial Regex IncumbentCue();

    [GeneratedRegex(@"不急|不着急|太忙|比较忙|明年再|再说|再考虑|时间不.{0,2}合适|没定|not ready|later|no rush|no hurry|busy|not a good time|revisit|isn't decided|timing is", RegexOptions.IgnoreCase)]
    private static partial Regex TimingCue();

    [GeneratedRegex(@"担心|怕|售后|稳定性|数据安全|风险|靠谱|worr|concern|afraid|risk|reliab|after-sales|stability|security", RegexOptions.IgnoreCase)]
    private static partial Regex RiskCue();

    [GeneratedRegex(@"试用|试机|试试|\btrial\b|\bpilot\b|\blend\b", RegexOptions.IgnoreCase)]
    private static partial Regex TrialCue();

    [GeneratedRegex(@"演示|展示|\bdemo|show you", RegexOptions.IgnoreCase)]
    private static partial Regex DemoCue();

    [GeneratedRegex(@"合同|签约|contract|\bsign\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContractCue();

    [GeneratedRegex(@"开个?会|约个?会|会议|交流会|碰个?头|见个?面|\bmeet\b|\bmeeting\b|(?:arrange|organi[sz]e|hold|run|set up|schedule) a (?:\w+ )?workshop", RegexOptions.IgnoreCase)]
    private static partial Regex MeetingCue();

    [GeneratedRegex(@"拜访|上门|去.{0,6}(?:看|调研)|到.{0,6}(?:拜访|看)|实地|调研|\bvisit|come by|come see|stop by|come to|come survey|drop by", RegexOptions.IgnoreCase)]
    private static partial Regex VisitCue();

    [GeneratedRegex(@"打电话|电话|\bcall you\b|\bcall on\b|give you a call|\bphone\b|\bring you\b", RegexOptions.IgnoreCase)]
    private static partial Regex CallCue();

    [GeneratedRegex(@"报价|方案|\bquote|proposal|pricing", RegexOptions.IgnoreCase)]
    public static partial Regex QuoteCue();

    /// <summary>Words that make an amount a budget.</summary>
    [GeneratedRegex(@"预算|经费|资金|投入|以内|封顶|不超过|budget|spend|set aside|afford|funding|we have|we can do|ceiling|no more than|under|up to", RegexOptions.IgnoreCase)]
    public static partial Regex BudgetCue();

    /// <summary>Words that make an amount someone else's price rather than the budget.</summary>
    [GeneratedRegex(@"报了|报价|报过|quoted|offer|list price|renewal|over \d", RegexOptions.IgnoreCase)]
    public static partial Regex PriceNotBudget();

    /// <summary>How a need is said.</summary>
    [GeneratedRegex(@"需要|想要|采购|想买|要买|想换|要换|换一|想上|要上|上一|引进|想做|要做|想建|要建|建一|要添|添|想加|加一|新增|升级|想开|打算|配一|要一|要两|要三|要四|要五|要六|要\d|一门|做一|想用|要用|再加|\b(?:need|needs|looking for|want|wants|would like|'d like|interested in|plan|plans|planning|replace|upgrade|adding|evaluating|buy)\b", RegexOptions.IgnoreCase)]
    public static partial Regex NeedCue();

    /// <summary>Speaker names that are our side whoever wrote the export.</summary>
    [GeneratedRegex(@"^(?:我|me|rep|agent|sales|销售.*|客服|坐席)$", RegexOptions.IgnoreCase)]
    public static partial Regex OurSideName();

    /// <summary>Speaker names that say nothing about who the customer is.</summary>
    [GeneratedRegex(@"^(?:customer|client|caller|speaker\s*\d+|客户|对方|来电|说话人\s*\d+)$", RegexOptions.IgnoreCase)]
    public static partial Regex GenericName();

    /// <summary>English role words.</summary>
    [GeneratedRegex(@"\b(?:manager|director|head|chief|president|vp|ceo|cfo|cto|coo|cio|owner|buyer|principal|dean|supervisor|engineer|nurse|hr|hrbp|registrar|lead|boss|officer|founder)\b", RegexOptions.IgnoreCase)]
    public static partial Regex EnglishRole();

    /// <summary>Chinese role words (in a self-introduction).</summary>
    [GeneratedRegex(@"经理|总监|主任|科长|院长|校长|园长|护士长|厂长|处长|局长|主管|负责人|老板|副总|总工|采购|HRBP|HR|CIO|CTO|CFO|COO|CEO|IT", RegexOptions.IgnoreCase)]
    public static partial Regex ChineseRole();
}
