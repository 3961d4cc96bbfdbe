package io.athena.core.gateway;

import static io.athena.core.gateway.Bodies.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.athena.spi.Condition;
import io.athena.spi.Condition.AllOf;
import io.athena.spi.Condition.AnyOf;
import io.athena.spi.Condition.Comparison;
import io.athena.spi.Condition.Not;
import io.athena.spi.ErrorCode;
import io.athena.spi.Operator;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionParserTest {

  private static Comparison cmp(String column, Operator op, Object value) {
    return new Comparison(column, op, value);
  }

  private static List<Condition> parse(String body) {
    return ConditionParser.parse(Bodies.of(body));
  }

  static Stream<Arguments> accepted() {
    Comparison idIs5 = cmp("id", Operator.EQ, 5);
    return Stream.of(
        Arguments.of("{'conditions':[{'column':'id','operator':'eq','value':5}]}", List.of(idIs5)),
        Arguments.of("{'conditions':[{'eq_column':'id','eq_value':5}]}", List.of(idIs5)),
        Arguments.of("{'conditions':[{'eqColumn':'id','eqValue':5}]}", List.of(idIs5)),
        Arguments.of(
            "{'conditions':[{'eq_column':'id','eq_value':5,'column':'id','operator':'eq','value':5}]}",
            List.of(idIs5)),
        Arguments.of(
            "{'conditions':[{'eq_column':'a','eq_value':1,'column':'id','operator':'eq','value':5}]}",
            List.of(idIs5)),
        Arguments.of(
            "{'conditions':[{'eq_column':'id','eq_value':1,'column':'id','value':null}]}",
            List.of(cmp("id", Operator.IS, null))),
        Arguments.of("{'conditions':[{'column':'id','value':5}]}", List.of(idIs5)),
        Arguments.of(
            "{'conditions':[{'column':'price','operator':'gte','value':1.50}]}",
            // the shared mapper strips trailing zeros: the value, not the spelling, is kept
            List.of(cmp("price", Operator.GTE, new BigDecimal("1.5")))),
        Arguments.of(
            "{'conditions':[{'column':'id','operator':'eq','value':'x','column_cast':'text','value_cast':'uuid'}]}",
            List.of(new Comparison("id", Operator.EQ, "x", "text", "uuid"))),
        Arguments.of(
            "{'conditions':[{'column':'id','value':'x','columnCast':'text','valueCast':'uuid'}]}",
            List.of(new Comparison("id", Operator.EQ, "x", "text", "uuid"))),
        Arguments.of(
            "{'conditions':[{'eq_column':'id','eq_value':'x','eq_value_cast':'uuid'}]}",
            List.of(new Comparison("id", Operator.EQ, "x", null, "uuid"))),
        Arguments.of(
            "{'conditions':[{'column':'tags','operator':'contains','value':'x','value_cast':'text[]'}]}",
            List.of(new Comparison("tags", Operator.CONTAINS, "x", null, "text[]"))),
        Arguments.of(
            "{'conditions':[{'column':'deleted_at','operator':'eq','value':null}]}",
            List.of(cmp("deleted_at", Operator.IS, null))),
        Arguments.of(
            "{'conditions':[{'column':'deleted_at','operator':'neq'}]}",
            List.of(new Not(cmp("deleted_at", Operator.IS, null)))),
        Arguments.of(
            "{'conditions':[{'column':'s','operator':'in','value':['a',1]}]}",
            List.of(cmp("s", Operator.IN, List.of("a", 1)))),
        Arguments.of(
            "{'conditions':[{'column':'s','operator':'in','value':'(a,b)'}]}",
            List.of(cmp("s", Operator.IN, List.of("a", "b")))),
        Arguments.of(
            "{'conditions':[{'column':'done','operator':'is','value':true}]}",
            List.of(cmp("done", Operator.IS, true))),
        Arguments.of(
            "{'conditions':[{'column':'done','operator':'is','value':'null'}]}",
            List.of(cmp("done", Operator.IS, null))),
        Arguments.of(
            "{'conditions':[{'column':'n','operator':'containedBy','value':[1]}]}",
            List.of(cmp("n", Operator.CONTAINED_BY, List.of(1)))),
        Arguments.of(
            "{'conditions':[{'operator':'or','value':'priority.eq.high,priority.eq.urgent'}]}",
            List.of(
                new AnyOf(
                    List.of(
                        cmp("priority", Operator.EQ, "high"),
                        cmp("priority", Operator.EQ, "urgent"))))),
        Arguments.of(
            "{'conditions':[{'operator':'not','value':'archived_at.is.null'}]}",
            List.of(new Not(cmp("archived_at", Operator.IS, null)))),
        Arguments.of(
            "{'conditions':[{'column':'archived_at','operator':'not','value':'is.null'}]}",
            List.of(new Not(cmp("archived_at", Operator.IS, null)))),
        Arguments.of(
            "{'where':{'status':'active'}}", List.of(cmp("status", Operator.EQ, "active"))),
        Arguments.of(
            "{'where':{'deleted_at':null}}", List.of(cmp("deleted_at", Operator.IS, null))),
        Arguments.of(
            "{'where':{'age':{'gte':18,'lt':65}}}",
            List.of(cmp("age", Operator.GTE, 18), cmp("age", Operator.LT, 65))),
        Arguments.of(
            "{'where':{'id':{'in':[1,2]},'name':{'ilike':'%a%'}}}",
            List.of(cmp("id", Operator.IN, List.of(1, 2)), cmp("name", Operator.ILIKE, "%a%"))),
        Arguments.of(
            "{'where':{'or':'a.eq.1,b.eq.2'}}",
            List.of(new AnyOf(List.of(cmp("a", Operator.EQ, "1"), cmp("b", Operator.EQ, "2"))))),
        Arguments.of("{'where':{'not':'a.eq.1'}}", List.of(new Not(cmp("a", Operator.EQ, "1")))),
        Arguments.of(
            "{'or':'priority.eq.high,priority.eq.urgent'}",
            List.of(
                new AnyOf(
                    List.of(
                        cmp("priority", Operator.EQ, "high"),
                        cmp("priority", Operator.EQ, "urgent"))))),
        Arguments.of(
            "{'not':'archived_at.is.null'}",
            List.of(new Not(cmp("archived_at", Operator.IS, null)))),
        Arguments.of(
            "{'not':'a.eq.1,b.eq.2'}",
            List.of(
                new Not(
                    new AllOf(List.of(cmp("a", Operator.EQ, "1"), cmp("b", Operator.EQ, "2")))))),
        Arguments.of(
            "{'not':'a.eq.1','or':'b.eq.2','where':{'c':3},'conditions':[{'column':'d','value':4}]}",
            List.of(
                cmp("d", Operator.EQ, 4),
                cmp("c", Operator.EQ, 3),
                new AnyOf(List.of(cmp("b", Operator.EQ, "2"))),
                new Not(cmp("a", Operator.EQ, "1")))),
        Arguments.of("{}", List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("accepted")
  void reads(String body, List<Condition> expected) {
    assertThat(parse(body)).isEqualTo(expected);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(
            "{'conditions':'id=5'}",
            ErrorCode.INVALID_REQUEST,
            "conditions must be an array of objects"),
        Arguments.of(
            "{'conditions':[1]}", ErrorCode.INVALID_REQUEST, "conditions[0] must be an object"),
        Arguments.of(
            "{'conditions':[{'operator':'eq','value':1}]}",
            ErrorCode.INVALID_REQUEST,
            "conditions[0].column is required"),
        Arguments.of(
            "{'conditions':[{'column':5}]}",
            ErrorCode.INVALID_REQUEST,
            "conditions[0].column must be a string"),
        Arguments.of(
            "{'conditions':[{'column':'a','operator':'between','value':1}]}",
            ErrorCode.INVALID_OPERATOR,
            "conditions[0].operator: unknown operator 'between'; allowed: eq, neq, gt, gte, lt,"
                + " lte, like, ilike, is, in, contains, containedBy, or, not"),
        Arguments.of(
            "{'conditions':[{'column':'a','operator':'in','value':5}]}",
            ErrorCode.INVALID_VALUE,
            "conditions[0].value must be an array"),
        Arguments.of(
            "{'conditions':[{'column':'a','operator':'is','value':'maybe'}]}",
            ErrorCode.INVALID_VALUE,
            "accepts null, true, false or unknown"),
        Arguments.of(
            "{'conditions':[{'column':'a','value':1,'value_cast':'uuid; drop table x'}]}",
            ErrorCode.INVALID_REQUEST,
            "conditions[0].value_cast 'uuid; drop table x' is not a type name"),
        Arguments.of(
            "{'conditions':[{'operator':'or'}]}",
            ErrorCode.INVALID_REQUEST,
            "conditions[0].value is required"),
        Arguments.of(
            "{'conditions':[{'operator':'or','value':'a.eq'}]}",
            ErrorCode.INVALID_REQUEST,
            "conditions[0].value 'a.eq' is not a valid filter"),
        Arguments.of("{'where':[]}", ErrorCode.INVALID_REQUEST, "where must be an object"),
        Arguments.of(
            "{'conditions':{'column':'id','value':5}}",
            ErrorCode.INVALID_REQUEST,
            "conditions must be an array of objects, not an object"),
        Arguments.of(
            "{'conditions':'id.eq.5'}",
            ErrorCode.INVALID_REQUEST,
            "conditions must be an array of objects, not a string"),
        Arguments.of(
            "{'where':{'a':{}}}",
            ErrorCode.INVALID_REQUEST,
            "where.a must name at least one operator"),
        Arguments.of(
            "{'where':{'a':{'foo':1}}}",
            ErrorCode.INVALID_OPERATOR,
            "where.a.foo: unknown operator 'foo'"),
        Arguments.of("{'or':5}", ErrorCode.INVALID_REQUEST, "or must be a string"),
        Arguments.of(
            "{'or':'a.eq.1,'}", ErrorCode.INVALID_REQUEST, "or 'a.eq.1,' is not a valid filter"),
        Arguments.of(
            "{'not':'a.zz.1'}",
            ErrorCode.INVALID_OPERATOR,
            "not: unknown operator 'zz' for column 'a'"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("rejected")
  void refuses(String body, ErrorCode code, String message) {
    assertRejected(() -> parse(body), code, message);
  }

  @Test
  void atMostTwoHundredConditionsAcrossAllForms() {
    String conditions =
        IntStream.range(0, 150)
            .mapToObj(i -> "{'column':'c" + i + "','value':" + i + "}")
            .collect(Collectors.joining(",", "[", "]"));
    String or = IntStream.range(0, 50).mapToObj(i -> "a.eq." + i).collect(Collectors.joining(","));
    assertThat(parse("{'conditions':" + conditions + ",'or':'" + or + "'}")).hasSize(151);
    assertRejected(
        () -> parse("{'conditions':" + conditions + ",'or':'" + or + "','not':'b.is.null'}"),
        ErrorCode.INVALID_REQUEST,
        "a request may hold at most 200 conditions; this one holds 201");
  }

  @Test
  void theConfiguredConditionCountApplies() {
    String body =
        "{'conditions':["
            + IntStream.range(0, 4)
                .mapToObj(i -> "{'column':'c" + i + "','value':" + i + "}")
                .collect(Collectors.joining(","))
            + "]}";
    assertThat(ConditionParser.parse(Bodies.of(body), new GatewayLimits(4, 16))).hasSize(4);
    assertRejected(
        () -> ConditionParser.parse(Bodies.of(body), new GatewayLimits(3, 16)),
        ErrorCode.INVALID_REQUEST,
        "at most 3 conditions; this one holds 4");
  }

  @Test
  void theConfiguredDepthAppliesToFilterStrings() {
    String twoLevels = "{'or':'a.eq.1,and(b.eq.2,c.eq.3)'}";
    assertThat(ConditionParser.parse(Bodies.of(twoLevels), new GatewayLimits(200, 2))).hasSize(1);
    assertRejected(
        () -> ConditionParser.parse(Bodies.of(twoLevels), new GatewayLimits(200, 1)),
        ErrorCode.INVALID_REQUEST,
        "groups nest deeper than 1 levels");
  }
}
