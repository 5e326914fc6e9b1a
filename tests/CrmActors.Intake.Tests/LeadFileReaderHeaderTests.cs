namespace CrmActors.Intake.Tests;

public sealed class LeadFileReaderHeaderTests
{
    [Fact]
    public async Task OpenAsync_EnglishHeaderVariants_MapEveryField()
    {
        var header = "Full Name,Phone_Number,Lead Source,Product Interest,REMARKS,E-Mail,Organisation";

        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text($"{header}\nAlice,139,web,implants,vip,a@b.c,Acme\n"));

        Assert.Equal(
            new Dictionary<LeadField, string>
            {
                [LeadField.Name] = "Full Name",
                [LeadField.Phone] = "Phone_Number",
                [LeadField.Channel] = "Lead Source",
                [LeadField.ProductInterest] = "Product Interest",
                [LeadField.Note] = "REMARKS",
                [LeadField.Email] = "E-Mail",
                [LeadField.Company] = "Organisation",
            },
            reader.MappedHeaders);
        Assert.Equal(
            new ImportRow
            {
                RowNumber = 2, Name = "Alice", Phone = "139", Channel = "web", ProductInterest = "implants",
                Note = "vip", Email = "a@b.c", Company = "Acme",
            },
            Assert.Single(rows));
    }

    [Fact]
    public async Task OpenAsync_ChineseHeaderVariants_MapEveryField()
    {
        var header = " 客户姓名 ,手机号码,线索来源,意向产品,备注,电子邮箱,公司名称,所属行业,医院等级,省份,语言,预算金额,线索质量";

        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text($"{header}\n张三,139,抖音,种植牙,加急,z@s.cn,瑞金,医疗,三级医院,上海,zh,80万,4\n"));

        Assert.Equal(Enum.GetValues<LeadField>(), reader.MappedHeaders.Keys.Order());
        Assert.Equal("客户姓名", reader.MappedHeaders[LeadField.Name]);
        var row = Assert.Single(rows);
        Assert.Equal(("张三", "139", "抖音", "种植牙", "加急", "z@s.cn", "瑞金"), (row.Name, row.Phone, row.Channel, row.ProductInterest, row.Note, row.Email, row.Company));
        Assert.Equal(("医疗", "三级医院", "上海", "zh", "80万", "4"), (row.Industry, row.InstitutionLevel, row.Region, row.Language, row.Budget, row.Quality));
    }

    [Theory]
    [InlineData("联系人", "手机")]
    [InlineData("名字", "联系电话")]
    [InlineData("contact name", "mobile")]
    [InlineData("*姓名", "ＰＨＯＮＥ　ＮＵＭＢＥＲ")]
    [InlineData("CONTACT", "tel")]
    public async Task OpenAsync_NameAndPhoneSynonyms_Mapped(string nameHeader, string phoneHeader)
    {
        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text($"{nameHeader},{phoneHeader}\nA,1\n"));

        Assert.Equal(nameHeader, reader.MappedHeaders[LeadField.Name]);
        Assert.Equal(phoneHeader, reader.MappedHeaders[LeadField.Phone]);
        Assert.Equal(("A", "1"), (rows[0].Name, rows[0].Phone));
    }

    [Fact]
    public async Task OpenAsync_UnknownAndDuplicateHeaders_ReportedAsIgnored()
    {
        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text("姓名,微信号,手机,电话,生日,\n张三,zs,139,010,1990,x\n"));

        Assert.Equal(["微信号", "电话", "生日"], reader.IgnoredHeaders);
        Assert.Equal("手机", reader.MappedHeaders[LeadField.Phone]);
        Assert.Equal("139", Assert.Single(rows).Phone);
    }

    [Fact]
    public async Task OpenAsync_NoPhoneColumn_RefusedNamingPhone()
    {
        var error = await LeadFiles.RefusedAsync(LeadFiles.Text("name,email,wechat\nAlice,a@b.c,x\n"));

        Assert.Equal(LeadFileProblem.MissingColumns, error.Problem);
        Assert.StartsWith("The header row has no phone column", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"wechat\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NeitherNameNorPhoneColumn_RefusedNamingBoth()
    {
        var error = await LeadFiles.RefusedAsync(LeadFiles.Text("a,b\n1,2\n"));

        Assert.Equal(LeadFileProblem.MissingColumns, error.Problem);
        Assert.StartsWith("The header row has no name and phone columns", error.Message, StringComparison.Ordinal);
    }
}
