package dev.charon.web;

import dev.charon.activeview.Action;
import dev.charon.activeview.ActiveViewResource;
import dev.charon.activeview.BatchResource;
import dev.charon.activeview.FrameWriter;
import dev.charon.activeview.GmWrites;
import dev.charon.activeview.InlineDeliveryExecutor;
import dev.charon.activeview.ViewActions;
import dev.charon.activeview.ViewResource;
import dev.charon.bridge.BridgeGmResource;
import dev.charon.bridge.BridgeReads;
import dev.charon.bridge.BridgeResource;
import dev.charon.bridge.MapResource;
import dev.charon.computer.ComputerGmResource;
import dev.charon.computer.ComputerResource;
import dev.charon.campaign.CampaignImageResource;
import dev.charon.campaign.CampaignImages;
import dev.charon.campaign.CampaignReads;
import dev.charon.campaign.CampaignResource;
import dev.charon.campaign.EncounterMapResource;
import dev.charon.campaign.TokenImagesResource;
import dev.charon.encounter.EncounterActions;
import dev.charon.encounter.EncounterResource;
import dev.charon.messages.MessagesResource;
import dev.charon.platform.Charon;
import dev.charon.platform.HealthResource;
import dev.charon.security.AuthResource;
import dev.charon.security.PlayersResource;
import dev.charon.security.SecurityFilter;
import dev.charon.table.TableGmResource;
import dev.charon.table.TableResource;
import jakarta.ws.rs.ApplicationPath;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The JAX-RS application under {@code /api}: every resource is a singleton built here with its
 * collaborators passed in, which is all the dependency injection Charon needs.
 */
@ApplicationPath("api")
public class CharonApplication extends ResourceConfig {

  /** Used by the servlet container: the services were started by the bootstrap listener. */
  public CharonApplication() {
    this(Charon.installed());
  }

  public CharonApplication(Charon charon) {
    // Registered explicitly: Payara would otherwise answer with JSON-B (STACK.md trap 2).
    register(JacksonFeature.withoutExceptionMappers());
    register(JsonMapper.class);
    register(ErrorMapper.class);
    register(ApiHeadersFilter.class);
    register(ContentTypeFilter.class);
    // Events leave as bytes rendered once (FrameWriter), delivered inline by the broadcaster
    // to per-stream queues that a bounded writer pool drains (InlineDeliveryExecutor).
    register(FrameWriter.class);
    register(InlineDeliveryExecutor.class);
    // Access and CSRF for every endpoint, in one place (see AccessTable).
    register(new SecurityFilter(charon.sessions(), charon.settings().publicUrl(), charon.settings().trustedProxies()));
    register(new AuthResource(charon.login(), charon.sessions()));
    register(new PlayersResource(charon.playerAdmin()));
    register(new MessagesResource(charon.messages()));
    register(new HealthResource(charon));
    register(new ActiveViewResource(charon.activeView()));
    // The GM's writes go through one GmWrites, which remembers them for undo; players' writes don't.
    GmWrites gmWrites = new GmWrites(charon.activeView(), charon.campaign());
    register(new ViewResource(gmWrites));
    register(new ComputerResource(charon.computer()));
    register(new ComputerGmResource(charon.computer(), gmWrites));
    register(new EncounterResource(gmWrites));
    Map<String, Action> batchActions = new LinkedHashMap<>(ViewActions.BY_NAME);
    batchActions.putAll(EncounterActions.BY_NAME);
    register(new BatchResource(gmWrites, batchActions));
    CampaignReads campaignReads = new CampaignReads(charon.campaign(), charon.activeView());
    register(new CampaignResource(campaignReads, charon.campaignReloader()));
    register(new EncounterMapResource(campaignReads));
    register(new TokenImagesResource(campaignReads));
    register(new CampaignImageResource(new CampaignImages(charon.campaign())));
    BridgeReads bridgeReads = new BridgeReads(charon.campaign(), charon.disclosures());
    register(new MapResource(bridgeReads));
    register(new BridgeResource(bridgeReads, charon.activeView()));
    register(new BridgeGmResource(bridgeReads, charon.disclosures(), gmWrites));
    // A player's own move is theirs, not the GM's: TableResource writes to the ActiveView, not undoable.
    register(new TableResource(charon.tokenLinks(), charon.activeView(), charon.campaign()));
    register(new TableGmResource(charon.tokenLinks(), gmWrites));
    property(ServerProperties.WADL_FEATURE_DISABLE, true);
    property(ServerProperties.BV_FEATURE_DISABLE, true);
    // Errors are ours to render as JSON; never let the container swap in its HTML page.
    property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
  }
}
